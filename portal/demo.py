"""Demo portal content: a few published items of each kind (idempotent)."""
from datetime import date

from organisations.models import Organisation, OrganisationKind

from .models import Category, Item, Status

ITEMS = [
    (Category.NEWS, "Hội thảo sản xuất sạch hơn trong công nghiệp năm 2026", {"province": "Thành phố Hà Nội"}),
    (Category.MODEL_CASE, "Mô hình sản xuất sạch hơn tại nhà máy giấy Đồng Nai",
     {"province": "Tỉnh Đồng Nai", "sector": "Giấy", "measures": "Thu hồi nước ngưng, thay động cơ hiệu suất cao",
      "investment": 2_500_000_000, "saving_money": 1_200_000_000, "saving_energy_kwh": 850_000,
      "saving_water_m3": 120_000, "payback_months": 25}),
    (Category.TRAINING, "Khóa đào tạo cơ bản về đánh giá sản xuất sạch hơn",
     {"level": "basic", "starts_on": date(2026, 12, 7), "ends_on": date(2026, 12, 9), "place": "Đà Nẵng",
      "audience": "Cán bộ Sở Công Thương"}),
    (Category.NEWSLETTER, "Bản tin sản xuất sạch hơn số 1", {"number": 1}),
    (Category.DOCUMENT, "Quyết định phê duyệt Chiến lược sản xuất sạch hơn trong công nghiệp", {}),
]


def load(stdout):
    office = Organisation.objects.filter(kind=OrganisationKind.OFFICE).first()
    if office is None:
        return
    from core import clock

    created = 0
    for category, title, fields in ITEMS:
        _, was_created = Item.objects.get_or_create(
            title=title, defaults={"category": category, "organisation": office, "status": Status.PUBLISHED,
                                   "published_at": clock.now(), "summary": title, **fields})
        created += was_created
    stdout.write(f"portal: {created} items\n")
