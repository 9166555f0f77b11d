"""Demo portal content: a few published items of each kind (idempotent), dated by the demo's today."""
from datetime import timedelta

from core import clock
from organisations.models import Organisation, OrganisationKind

from .models import Category, Item, Status


def _items(today):
    return [
        (Category.NEWS, f"Hội thảo sản xuất sạch hơn trong công nghiệp năm {today.year}", {"province": "Thành phố Hà Nội"}),
        (Category.MODEL_CASE, "Mô hình sản xuất sạch hơn tại nhà máy giấy Đồng Nai",
         {"province": "Tỉnh Đồng Nai", "sector": "Giấy", "measures": "Thu hồi nước ngưng, thay động cơ hiệu suất cao",
          "investment": 2_500_000_000, "saving_money": 1_200_000_000, "saving_energy_kwh": 850_000,
          "saving_water_m3": 120_000, "payback_months": 25}),
        (Category.TRAINING, "Khóa đào tạo cơ bản về đánh giá sản xuất sạch hơn",
         {"level": "basic", "starts_on": today + timedelta(days=27), "ends_on": today + timedelta(days=29), "place": "Đà Nẵng",
          "audience": "Cán bộ Sở Công Thương"}),
        (Category.NEWSLETTER, "Bản tin sản xuất sạch hơn số 1", {"number": 1}),
        (Category.DOCUMENT, "Quyết định phê duyệt Chiến lược sản xuất sạch hơn trong công nghiệp", {}),
    ]


def load(stdout):
    office = Organisation.objects.filter(kind=OrganisationKind.OFFICE).first()
    if office is None:
        return
    created = 0
    for category, title, fields in _items(clock.today()):
        _, was_created = Item.objects.get_or_create(
            title=title, defaults={"category": category, "organisation": office, "status": Status.PUBLISHED,
                                   "published_at": clock.now(), "summary": title, **fields})
        created += was_created
    stdout.write(f"portal: {created} items\n")
