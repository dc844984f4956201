"""The tallies the map page reads (StepRatingTally, MapResponseTally), counted here once from
the responses already stored; and the rate limits' own table (RateCount), which replaces the
database cache table of migration 0002."""

from collections import Counter

import django.core.validators
import django.db.models.deletion
from django.db import migrations, models


def count_stored_responses(apps, schema_editor):
    """Tally every stored response as feedback_submit would have, had the tallies existed."""
    response_model = apps.get_model("feedback", "FeedbackResponse")
    answer_model = apps.get_model("feedback", "StepAnswer")
    step_tally = apps.get_model("feedback", "StepRatingTally")
    map_tally = apps.get_model("feedback", "MapResponseTally")
    responses = Counter(response_model.objects.values_list("organisation_id", "journey_map_id"))
    map_tally.objects.bulk_create(
        map_tally(organisation_id=organisation_id, journey_map_id=map_id, responses=count)
        for (organisation_id, map_id), count in responses.items())
    counts = Counter()
    rated = (answer_model.objects.filter(rating__isnull=False)
             .values_list("organisation_id", "response__journey_map_id", "step_id", "rating",
                          "response__segment_answers"))
    for organisation_id, map_id, step_id, rating, segments in rated.iterator(chunk_size=5000):
        counts[organisation_id, map_id, step_id, "", "", rating] += 1
        for question, answer in (segments or {}).items():
            counts[organisation_id, map_id, step_id, question, answer, rating] += 1
    step_tally.objects.bulk_create(
        (step_tally(organisation_id=organisation_id, journey_map_id=map_id, step_id=step_id,
                    question=question, answer=answer, rating=rating, count=count)
         for (organisation_id, map_id, step_id, question, answer, rating), count
         in counts.items()), batch_size=5000)


class Migration(migrations.Migration):

    dependencies = [
        ('accounts', '0001_initial'),
        ('feedback', '0002_rate_limit_cache_table'),
        ('journeys', '0004_merge_0003_journey_mapped_segment_0003_map_schema_v2'),
    ]

    operations = [
        migrations.CreateModel(
            name='RateCount',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('key', models.CharField(max_length=80, unique=True)),
                ('period', models.BigIntegerField()),
                ('count', models.PositiveIntegerField()),
                ('expires', models.DateTimeField(db_index=True)),
            ],
        ),
        migrations.CreateModel(
            name='MapResponseTally',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('shard', models.PositiveSmallIntegerField(default=0)),
                ('responses', models.PositiveIntegerField()),
                ('journey_map', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='+', to='journeys.journeymap')),
                ('organisation', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='+', to='accounts.organisation')),
            ],
            options={
                'constraints': [models.UniqueConstraint(fields=('journey_map', 'shard'), name='one_response_tally_per_map_shard')],
            },
        ),
        migrations.CreateModel(
            name='StepRatingTally',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('question', models.CharField(blank=True, max_length=40)),
                ('answer', models.CharField(blank=True, max_length=40)),
                ('rating', models.PositiveSmallIntegerField(choices=[(1, 'Very unhappy'), (2, 'Unhappy'), (3, 'Neither happy nor unhappy'), (4, 'Happy'), (5, 'Very happy')], validators=[django.core.validators.MinValueValidator(1), django.core.validators.MaxValueValidator(5)])),
                ('shard', models.PositiveSmallIntegerField(default=0)),
                ('count', models.PositiveIntegerField()),
                ('journey_map', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='+', to='journeys.journeymap')),
                ('organisation', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='+', to='accounts.organisation')),
                ('step', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='+', to='journeys.step')),
            ],
            options={
                'indexes': [models.Index(fields=['journey_map', 'question'], name='feedback_st_journey_238044_idx')],
                'constraints': [models.UniqueConstraint(fields=('step', 'question', 'answer', 'rating', 'shard'), name='one_tally_per_step_segment_rating_shard')],
            },
        ),
        migrations.RunPython(count_stored_responses, migrations.RunPython.noop),
        # Going back, 0002's reverse drops the cache table (if it exists) as before.
        migrations.RunSQL("DROP TABLE IF EXISTS journeymap_rate_limits", migrations.RunSQL.noop),
    ]
