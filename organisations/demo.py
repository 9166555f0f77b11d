"""Demo focal units: a realistic spread of statuses across the current units."""
import zlib
from datetime import date

from .models import FocalContact, FocalUnit, FocalUnitStatus, Organisation

STATUS_CYCLE = [
    FocalUnitStatus.DESIGNATED,
    FocalUnitStatus.ESTABLISHED,
    FocalUnitStatus.DESIGNATED,
    FocalUnitStatus.IN_PROGRESS,
    FocalUnitStatus.NONE,
]


def load(stdout):
    created = 0
    for organisation in Organisation.objects.reporting_units().current():
        if FocalUnit.objects.filter(organisation=organisation).exists():
            continue
        # Stable pseudo-random choice so the demo looks the same on every machine.
        status = STATUS_CYCLE[zlib.crc32(organisation.code.encode()) % len(STATUS_CYCLE)]
        fields = {"status": status}
        if status in (FocalUnitStatus.DESIGNATED, FocalUnitStatus.ESTABLISHED):
            body = organisation.working_body or organisation.name_vi
            fields.update(
                name=f"Phòng Kỹ thuật an toàn - Môi trường, {body}"
                if status == FocalUnitStatus.DESIGNATED
                else f"Trung tâm Sản xuất sạch hơn, {body}",
                decision_number=f"{100 + zlib.crc32(organisation.code.encode()) % 800}/QĐ-{(organisation.short_name or organisation.code).upper()[:8]}",
                decision_date=date(2016, 1 + zlib.crc32(organisation.code.encode()) % 5, 10),
            )
        focal = FocalUnit.objects.create(organisation=organisation, **fields)
        if status != FocalUnitStatus.NONE:
            FocalContact.objects.create(
                focal_unit=focal, full_name="Nguyễn Văn An", position="Chuyên viên", email=f"sxsh.{organisation.code}@example.vn"
            )
        created += 1
    stdout.write(f"organisations: {created} demo focal units")
