"""Demo focal units: most current units have one, some are still designating it, a few have none."""
import zlib
from datetime import date

from django.core.files.base import ContentFile

from core import uploads
from core.demo_files import document_docx
from core.vn import long_date_vi

from .models import FocalContact, FocalUnit, FocalUnitStatus, Organisation

STATUS_CYCLE = [
    FocalUnitStatus.DESIGNATED,
    FocalUnitStatus.ESTABLISHED,
    FocalUnitStatus.DESIGNATED,
    FocalUnitStatus.ESTABLISHED,
    FocalUnitStatus.DESIGNATED,
    FocalUnitStatus.IN_PROGRESS,
    FocalUnitStatus.NONE,
]
SURNAMES = ["Nguyễn Văn An", "Trần Thị Bình", "Lê Minh Châu", "Phạm Quốc Dũng", "Hoàng Thị Giang", "Vũ Đức Hải"]


def load(stdout):
    created = 0
    for organisation in Organisation.objects.reporting_units().current():
        if FocalUnit.objects.filter(organisation=organisation).exists():
            continue
        # Stable pseudo-random choice so the demo looks the same on every machine.
        seed = zlib.crc32(organisation.code.encode())
        status = STATUS_CYCLE[seed % len(STATUS_CYCLE)]
        fields = {"status": status}
        if status in (FocalUnitStatus.DESIGNATED, FocalUnitStatus.ESTABLISHED):
            body = organisation.working_body or organisation.name_vi
            fields.update(
                name=f"Phòng Kỹ thuật an toàn - Môi trường, {body}"
                if status == FocalUnitStatus.DESIGNATED
                else f"Trung tâm Sản xuất sạch hơn, {body}",
                decision_number=f"{100 + seed % 800}/QĐ-{(organisation.short_name or organisation.code).upper()[:8]}",
                decision_date=date(2016, 1 + seed % 5, 10),
                address=organisation.address or f"Trụ sở {body}",
                phone=f"02{seed % 100:02d} {seed % 1000:03d} {seed % 10000:04d}",
                email=f"sxsh.{organisation.code}@example.vn",
                publish_contact=seed % 3 != 0,
            )
        focal = FocalUnit(organisation=organisation, **fields)
        if focal.is_in_place and seed % 2:
            decision = document_docx(
                issuer=organisation.name_vi, number=focal.decision_number,
                place_date=long_date_vi(focal.decision_date),
                title="Quyết định chỉ định đơn vị đầu mối về sản xuất sạch hơn",
                paragraphs=[f"Điều 1. Chỉ định {focal.name} là đơn vị đầu mối về sản xuất sạch hơn của {organisation.name_vi}."])
            focal.decision_file = uploads.check(ContentFile(decision, name="decision.docx"), kind="document")
        focal.save()
        if status != FocalUnitStatus.NONE:
            FocalContact.objects.create(
                focal_unit=focal, full_name=SURNAMES[seed % len(SURNAMES)], position="Chuyên viên",
                email=f"canbo.{organisation.code}@example.vn", phone=f"09{seed % 10} {seed % 1000:03d} {seed % 9999:04d}",
                is_public=status in (FocalUnitStatus.DESIGNATED, FocalUnitStatus.ESTABLISHED),
            )
        created += 1
    stdout.write(f"organisations: {created} demo focal units")
