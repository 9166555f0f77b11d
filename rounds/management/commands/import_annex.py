"""Load annex files that arrived by e-mail, by the same path as the upload page (rounds.imports)."""
import json
from pathlib import Path

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.management.base import BaseCommand, CommandError

from core import vn
from organisations.models import Organisation
from rounds import annex, imports, services
from rounds.models import Round


def match_organisation(round_obj, unit_name: str):
    """The invited unit whose name or working body is the workbook's "TÊN ĐƠN VỊ"."""
    wanted = vn.fold(unit_name)
    if not wanted:
        return None
    candidates = round_obj.invited.all() if round_obj else Organisation.objects.reporting_units()
    for organisation in candidates:
        names = {vn.fold(organisation.name_vi), vn.fold(organisation.working_body), vn.fold(organisation.short_name)}
        if wanted in names:
            return organisation
    return None


class Command(BaseCommand):
    help = ("Import annex files (.xlsx, .xls, .ods, or a .docx table) into a round's proposals. "
            "Prints one JSON object per file with --json.")

    def add_arguments(self, parser):
        parser.add_argument("files", nargs="+")
        parser.add_argument("--round", type=int, help="round id (default: the one stored in the workbook)")
        parser.add_argument("--org", help="organisation code (default: stored in the workbook, or matched by unit name)")
        parser.add_argument("--dry-run", action="store_true", help="check only, change nothing")
        parser.add_argument("--json", action="store_true", help="print one JSON object per file")
        parser.add_argument("--confirm-amounts", action="store_true",
                            help="import files whose amounts look typed in the wrong unit (see their warnings)")

    def handle(self, *args, files, round, org, dry_run, json: bool, confirm_amounts, **options):
        round_obj = None
        if round is not None:
            round_obj = Round.objects.filter(pk=round).first()
            if round_obj is None:
                raise CommandError(f"Không có đợt đề xuất số {round}.")
        organisation = None
        if org:
            organisation = Organisation.objects.filter(code=org).first()
            if organisation is None:
                raise CommandError(f"Không có đơn vị mã \"{org}\".")
        failures = 0
        for name in files:
            path = Path(name)
            output, notes, problem = self.import_one(path, round_obj, organisation, dry_run, confirm_amounts)
            if problem:
                failures += 1
            if json:
                self.stdout.write(_dumps(output))
                for note in notes:
                    self.stderr.write(f"{path.name}: {note}")
            else:
                totals = output.get("totals") or {}
                self.stdout.write(f"{path.name}: {problem or 'OK'} ({totals.get('rows', 0)} dòng)")
                for note in notes:
                    self.stdout.write(f"  {note}")
                for column in output.get("ignored_columns", []):
                    self.stdout.write(f"  cột {column['column']} «{column['header']}»: không nhập")
                for kind, items in (("lỗi", output.get("errors", [])), ("cảnh báo", output.get("warnings", []))):
                    for item in items:
                        place = f"dòng {item['row']}" if item["row"] else "toàn tệp"
                        place += f", cột {item['column']}" if item["column"] else ""
                        self.stdout.write(f"  {kind}: {place}: {item['message']}")
        if failures:
            raise CommandError(f"{failures} tệp không nhập được")

    def import_one(self, path: Path, round_obj, organisation, dry_run, confirm_amounts=False):
        try:
            intake = imports.read_annex_file(data=path.read_bytes(), filename=path.name, round_obj=round_obj,
                                             organisation=organisation)
        except (OSError, annex.AnnexFileError) as error:
            message = str(error) if isinstance(error, annex.AnnexFileError) else f"Không mở được tệp: {error.strerror}"
            return {"file": path.name, "unit_name": "", "money_unit": None, "tasks": None, "totals": None,
                    "errors": [{"row": None, "field": None, "column": None, "message": message}],
                    "warnings": [], "ignored_columns": []}, [], message
        result, notes = intake.result, intake.notes
        output = result.as_json()
        if result.errors:
            return output, notes, "có lỗi"
        if intake.round is None:
            return output, notes, None if dry_run else _fail(output, "Không xác định được đợt đề xuất (dùng --round).")
        if organisation is None and result.identity.get("organisation"):
            organisation = Organisation.objects.filter(code=result.identity["organisation"]).first()
            if organisation is not None:
                notes.append(f"Đơn vị lấy từ trang ẩn của tệp ({organisation.code}), không được kiểm chứng; "
                             "dùng --org để chỉ định đơn vị.")
        if organisation is None:
            organisation = match_organisation(intake.round, result.unit_name)
            if organisation is not None:
                notes.append(f"Đơn vị nhận theo tên ghi trong tệp ({organisation.code}); dùng --org để chỉ định đơn vị.")
        if organisation is None:
            return output, notes, _fail(output, f"Không xác định được đơn vị \"{result.unit_name}\" (dùng --org).")
        if dry_run:
            return output, notes, None
        if result.needs_confirmation and not confirm_amounts:
            return output, notes, _fail(output, "Có số tiền được đánh dấu cần kiểm tra (xem cảnh báo); "
                                                "kiểm tra tệp rồi chạy lại với --confirm-amounts.")
        try:
            proposal = services.proposal_for(round_obj=intake.round, organisation=organisation)
            services.import_rows(proposal=proposal, user=None, tasks=result.tasks, filename=path.name)
        except PermissionDenied:
            return output, notes, _fail(output, f"Đơn vị {organisation.code} không được mời tham gia đợt này.")
        except ValidationError as error:
            return output, notes, _fail(output, " ".join(error.messages))
        return output, notes, None


def _fail(output, message):
    output["errors"] = output["errors"] + [{"row": None, "field": None, "column": None, "message": message}]
    output["tasks"] = output["totals"] = None
    return message


def _dumps(data) -> str:
    return json.dumps(data, ensure_ascii=False)

