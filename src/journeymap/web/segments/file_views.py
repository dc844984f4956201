"""The register as a CSV or Excel file, and a register file imported all or nothing."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render

from journeymap.core.maps.errors import Problem
from journeymap.core.segments import (
    SegmentFileError,
    read_register,
    write_register_csv,
    write_register_xlsx,
)
from journeymap.web.accounts.access import acting, organisation_view
from journeymap.web.accounts.actors import Permission
from journeymap.web.journeys.map_files import XLSX
from journeymap.web.segments import selectors, services
from journeymap.web.segments.forms import ImportForm

MAX_UPLOAD_BYTES = 8 * 1024 * 1024
FILE_FORMATS = {
    "csv": (write_register_csv, "text/csv; charset=utf-8"),
    "xlsx": (write_register_xlsx, XLSX),
}


@organisation_view()
def register_download(request, file_format: str):
    if file_format not in FILE_FORMATS:
        raise Http404("No such file format.")
    write, content_type = FILE_FORMATS[file_format]
    rows = [row for _, row in selectors.register_rows(organisation=request.organisation)]
    response = HttpResponse(write(rows), content_type=content_type)
    response["Content-Disposition"] = (
        f'attachment; filename="segments-{request.organisation.slug}.{file_format}"')
    return response


@organisation_view(Permission.EDIT)
def register_import(request):
    form = ImportForm(request.POST or None, request.FILES or None)
    problems = []
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        data = upload.read(MAX_UPLOAD_BYTES + 1)
        try:
            if len(data) > MAX_UPLOAD_BYTES:
                raise ValidationError(f"The file is larger than {MAX_UPLOAD_BYTES:,} bytes.")
            rows = read_register(name=upload.name, data=data)
            added, updated = services.register_import(**acting(request), rows=rows)
        except SegmentFileError as error:
            problems = error.problems
        except ValidationError as error:
            problems = [Problem(message=message) for message in error.messages]
        else:
            messages.success(request, f"Register imported: {added} segment(s) added, "
                                      f"{updated} updated.")
            return redirect("segments:list", organisation_slug=request.organisation.slug)
    return render(request, "segments/register_import.html",
                  {"form": form, "problems": problems})
