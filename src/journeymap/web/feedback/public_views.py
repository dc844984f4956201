"""The citizen's form: public, no account, one step a page, nothing stored until the last page.

The flow is in `FormState` (the signed token each page posts back, see form_state.py); this view
checks the link and the abuse defences, validates the page, and either shows the next page or
hands the whole response to `services.feedback_submit`, whose answer is sent only after the
transaction has committed. Every page is rendered in the language the citizen chose on the start
page (`?lang=`, offered only where the link's map has a translation), which the token carries.
"""

import uuid

from django.conf import settings
from django.contrib.auth.decorators import login_not_required
from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.shortcuts import render
from django.utils import translation
from django.utils.translation import gettext
from django.views.decorators.cache import never_cache

from journeymap.web.audit.context import AuditContext
from journeymap.web.feedback import selectors, services, thanks_page, throttle, words
from journeymap.web.feedback.actors import FeedbackLinkActor
from journeymap.web.feedback.form_state import FormState, StateRefused
from journeymap.web.feedback.forms import FinalPageForm, StepAnswerForm
from journeymap.web.feedback.models import FeedbackLink

# No address goes into anything a submission writes (see services.py).
ANONYMOUS = AuditContext()


@login_not_required
@never_cache
def feedback_form(request, token: str):
    link = selectors.link_by_token(token_hash=services.feedback_token_hash(token))
    if link is None:
        return _page(request, "feedback/unavailable.html", {"state": "unknown"}, status=404,
                     language=_asked_language(request))
    # The client as the audit log would name it (behind trusted proxies, the forwarded address),
    # used only to count its requests.
    if throttle.client_over_limit(AuditContext.from_request(request).client_address):
        return _too_many(request)
    if request.method != "POST":
        return _start(request, link)
    try:
        state = FormState.loads(request.POST.get("state", ""), link_id=link.pk)
    except StateRefused as refused:
        return _page(request, "feedback/start_again.html",
                     {"reason": refused.reason, "token": token}, status=400,
                     language=_asked_language(request))
    final = state.page == state.last_page
    # The last page of an open link goes straight on: `feedback_submit` finds a stored retry by
    # its submission id and checks the cap itself, so reading first would cost every response.
    if not (final and link.state(responses=0) == FeedbackLink.State.OPEN):
        if selectors.response_stored(link=link, submission_id=state.submission_id):
            return _thanks(request, state)  # a retry of a stored response: the same answer
        shut = _shut(request, link, language=state.language)
        if shut:
            return shut
    if final:
        return _final_page(request, link, state, token)
    return _next_page(request, link, state)


def _start(request, link: FeedbackLink):
    shut = _shut(request, link)
    if shut:
        return shut
    step_ids = selectors.step_ids(journey_map_id=link.journey_map_id)
    offered = words.languages_of(link=link)
    language = request.GET.get("lang")
    if language not in dict(offered):
        language = settings.LANGUAGE_CODE
    state = FormState(link_id=link.pk, step_ids=step_ids, language=language)
    return _render_page(request, link, state, None, languages=offered)


def _asked_language(request) -> str:
    """The language a page before the form's token asks for (`?lang=`), if the product has it."""
    language = request.GET.get("lang")
    return language if language in dict(settings.LANGUAGES) else settings.LANGUAGE_CODE


def _shut(request, link: FeedbackLink, language: str | None = None):
    """The polite page of a link that takes no answers, or None when it is open."""
    state = link.state(responses=selectors.response_count(link=link)
                       if link.response_cap is not None else 0)
    if state == FeedbackLink.State.OPEN:
        return None
    return _page(request, "feedback/unavailable.html", {"state": state, "link": link},
                 status=410, language=language or _asked_language(request))


def _next_page(request, link: FeedbackLink, state: FormState):
    """Save this page's answers into the token, then show the page before or after it."""
    going_back = "back" in request.POST
    if state.page >= 1:
        form = StepAnswerForm(request.POST)
        if not form.is_valid():
            if not going_back:
                return _render_page(request, link, state, form)
        else:
            state.answers["steps"][str(state.step_id())] = form.cleaned_data
    state.page = max(0, state.page - 1) if going_back else state.page + 1
    return _render_page(request, link, state, None)


def _final_page(request, link: FeedbackLink, state: FormState, token: str):
    form = FinalPageForm(request.POST, segment_questions=link.segment_questions)
    if "back" in request.POST:
        state.page -= 1
        return _render_page(request, link, state, None)
    if not form.is_valid():
        return _render_page(request, link, state, form)
    if form.cleaned_data["website"]:
        return _thanks(request, state)  # the honeypot was filled: a bot, told nothing
    if state.too_fast():
        with translation.override(state.language):
            form.add_error(None, gettext("Please take a moment to check your answers, "
                                         "then send them."))
        return _render_page(request, link, state, form)
    if throttle.link_over_limit(link.pk):
        return _too_many(request)
    answers = {**state.answers, **form.answers()}
    try:
        services.feedback_submit(actor=FeedbackLinkActor(link), context=ANONYMOUS, link=link,
                                 submission_id=uuid.UUID(state.submission_id), answers=answers)
    except services.LinkNotOpen:
        return _shut(request, link, language=state.language)
    except ValidationError:
        # The map changed under the form (a step removed): nothing was stored.
        return _page(request, "feedback/start_again.html",
                     {"reason": "changed", "token": token}, status=400, language=state.language)
    return _thanks(request, state)


def _render_page(request, link: FeedbackLink, state: FormState, form, languages=()):
    step = step_text = title = None
    if state.step_id() is not None:
        step = selectors.step_of_link(link=link, step_id=state.step_id())
        step_text = words.step_text(step=step, language=state.language)
    elif state.page == 0:
        title = words.journey_title(link=link, language=state.language)
    if form is None and 1 <= state.page <= len(state.step_ids):
        form = StepAnswerForm(initial=state.answers["steps"].get(str(state.step_id()), {}))
    elif form is None and state.page == state.last_page:
        form = FinalPageForm(segment_questions=link.segment_questions)
    return _page(request, "feedback/form_page.html", {
        "link": link, "journey_map": link.journey_map, "state": state, "step": step,
        "step_text": step_text, "journey_title": title, "languages": languages,
        "form": form, "token_value": state.dumps(), "step_count": len(state.step_ids)},
        status=200 if form is None or not form.errors else 400, language=state.language)


def _thanks(request, state: FormState):
    if thanks_page.serves(request):
        response = HttpResponse(thanks_page.page(language=state.language,
                                                 reference=state.submission_id))
        return _public(response, state.language)
    return _page(request, thanks_page.TEMPLATE, {"reference": state.submission_id},
                 language=state.language)


def _too_many(request):
    response = _page(request, "feedback/too_many.html", {}, status=429,
                     language=_asked_language(request))
    response["Retry-After"] = str(throttle.retry_after())
    return response


def _page(request, template: str, context: dict, status: int = 200, language: str | None = None):
    language = language or settings.LANGUAGE_CODE
    with translation.override(language):
        response = render(request, template, context, status=status)
    return _public(response, language)


def _public(response, language: str):
    """`response` marked as in `language` and kept out of search engines."""
    response["Content-Language"] = language
    response["X-Robots-Tag"] = "noindex, nofollow"
    return response
