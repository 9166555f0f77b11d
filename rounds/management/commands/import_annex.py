"""Load annex workbooks that arrived by e-mail, with the same parser and rules as the upload page."""
import json
from pathlib import Path

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError

from core.vn import fold
from organisations.models import Organisation
from rounds import annex, services
from rounds.models import Round


def match_organisation(round_obj, unit_name: str):
    """The invited unit whose name or working body is the workbook's "TÊN ĐƠN VỊ"."""
    wanted = fold(unit_name)
    if not wanted:
        return None
    candidates = round_obj.invited.all() if round_obj else Organisation.objects.reporting_units()
    for organisation in candidates:
        names = {fold(organisation.name_vi), fold(organisation.working_body), fold(organisation.short_name)}
        if wanted in names:
            return organisation
    return None


class Command(BaseCommand):
    help = "Import annex workbooks (.xlsx) into a round's proposals. Prints one JSON object per file with --json."

    def add_arguments(self, parser):
        parser.add_argument("files", nargs="+")
        parser.add_argument("--round", type=int, help="round id (default: the one stored in the workbook)")
        parser.add_argument("--org", help="organisation code (default: stored in the workbook, or matched by unit name)")
        parser.add_argument("--dry-run", action="store_true", help="check only, change nothing")
        parser.add_argument("--json", action="store_true", help="print one JSON object per file")

    def handle(self, *args, files, round, org, dry_run, json: bool, **options):
        failures = 0
        for name in files:
            path = Path(name)
            output, problem = self.import_one(path, round, org, dry_run)
            if problem:
                failures += 1
            if json:
                self.stdout.write(_dumps(output))
            else:
                status = problem or "OK"
                totals = output.get("totals") or {}
                self.stdout.write(f"{path.name}: {status} ({totals.get('rows', 0)} dòng)")
                for error in output.get("errors", []):
                    self.stdout.write(f"  dòng {error['row']}, cột {error['column']}: {error['message']}")
        if failures:
            raise CommandError(f"{failures} tệp không nhập được")

    def import_one(self, path: Path, round_id, org_code, dry_run):
        try:
            result = annex.parse_annex(path.read_bytes(), filename=path.name)
        except (OSError, annex.AnnexFileError) as error:
            message = str(error) if isinstance(error, annex.AnnexFileError) else f"Không mở được tệp: {error.strerror}"
            return {"file": path.name, "unit_name": "", "money_unit": None, "tasks": None, "totals": None,
                    "errors": [{"row": None, "field": None, "column": None, "message": message}]}, message
        output = result.as_json()
        if result.errors:
            return output, "có lỗi"
        round_id = round_id or result.identity.get("round")
        round_obj = Round.objects.filter(pk=round_id).first() if round_id else None
        if round_obj is None:
            return output, None if dry_run else self._fail(output, "Không xác định được đợt đề xuất (dùng --round).")
        code = org_code or result.identity.get("organisation")
        organisation = Organisation.objects.filter(code=code).first() if code else match_organisation(round_obj, result.unit_name)
        if organisation is None:
            return output, self._fail(output, f"Không xác định được đơn vị \"{result.unit_name}\" (dùng --org).")
        if dry_run:
            return output, None
        try:
            proposal = services.proposal_for(round_obj=round_obj, organisation=organisation)
            services.import_rows(proposal=proposal, user=None, tasks=result.tasks, filename=path.name)
        except ValidationError as error:
            return output, self._fail(output, " ".join(error.messages))
        except Exception as error:  # PermissionDenied: the unit is not invited to this round
            return output, self._fail(output, f"Đơn vị {organisation.code} không được mời tham gia đợt này." if error.__class__.__name__ == "PermissionDenied" else str(error))
        return output, None

    @staticmethod
    def _fail(output, message):
        output["errors"] = output["errors"] + [{"row": None, "field": None, "column": None, "message": message}]
        output["tasks"] = output["totals"] = None
        return message


def _dumps(data) -> str:
    return json.dumps(data, ensure_ascii=False)
