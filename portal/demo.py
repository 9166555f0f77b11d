"""Demo portal: posts from the office and from units with cover images, a training course, a newsletter,
and the documents library (Decision 1419, letter 4108 and its annex template among them) with their files.
Dates follow core.clock, so the demo reads right whatever day the demo is set to. Idempotent."""
from datetime import date, timedelta

from django.core.files.base import ContentFile

from core import clock, docx, uploads
from core.demo_files import cover_png, document_docx
from organisations.models import Organisation, OrganisationKind

from .models import Category, DocumentKind, Item, Status

# (category, unit code or None for the office, title, days before today, fields)
POSTS = [
    (Category.NEWS, None, "Hội thảo triển khai Chiến lược sản xuất sạch hơn giai đoạn 2016–2020", 3,
     {"province": "Thành phố Hà Nội", "summary": "Văn phòng Chiến lược tổng kết giai đoạn 2010–2015 và hướng dẫn "
      "các đơn vị đề xuất nhiệm vụ năm 2017 theo công văn 4108/BCT-KHCN."}),
    (Category.MODEL_CASE, "dong-nai", "Mô hình sản xuất sạch hơn tại nhà máy giấy Đồng Nai", 9,
     {"province": "Tỉnh Đồng Nai", "sector": "Giấy", "measures": "Thu hồi nước ngưng, thay động cơ hiệu suất cao",
      "investment": 2_500_000_000, "saving_money": 1_200_000_000, "saving_energy_kwh": 850_000,
      "saving_water_m3": 120_000, "payback_months": 25,
      "summary": "Nhà máy giảm 18% điện năng và 25% nước sau hai năm áp dụng sản xuất sạch hơn."}),
    (Category.NEWS, "quang-ninh", "Quảng Ninh hỗ trợ 12 doanh nghiệp đánh giá sản xuất sạch hơn", 14,
     {"province": "Tỉnh Quảng Ninh", "summary": "Sở Công Thương Quảng Ninh dùng kinh phí khuyến công địa phương hỗ trợ "
      "doanh nghiệp chế biến than và vật liệu xây dựng."}),
    (Category.MODEL_CASE, "tkv", "Tận dụng nhiệt thải lò hơi tại nhà máy tuyển than Cửa Ông", 21,
     {"province": "Tỉnh Quảng Ninh", "sector": "Khai thác, chế biến than", "measures": "Thu hồi nhiệt khói thải",
      "investment": 4_800_000_000, "saving_money": 1_900_000_000, "saving_energy_kwh": 1_600_000, "payback_months": 31,
      "summary": "Giảm tiêu hao than cho lò hơi nhờ bộ hâm nước tận dụng nhiệt khói thải."}),
    (Category.NEWS, "ha-noi", "Hà Nội tập huấn sản xuất sạch hơn cho các cụm công nghiệp", 27,
     {"province": "Thành phố Hà Nội", "summary": "Hơn 80 cán bộ quản lý cụm công nghiệp và doanh nghiệp tham dự."}),
    (Category.LEAFLET, None, "Tờ rơi: Năm bước đánh giá sản xuất sạch hơn tại doanh nghiệp", 35,
     {"summary": "Từ khởi động, phân tích công đoạn đến thực hiện và duy trì các giải pháp."}),
]
TRAINING = ("Khóa đào tạo cơ bản về đánh giá sản xuất sạch hơn tại Đà Nẵng", {
    "province": "Thành phố Đà Nẵng", "place": "Sở Công Thương thành phố Đà Nẵng, Đà Nẵng", "level": "basic",
    "audience": "Cán bộ Sở Công Thương và doanh nghiệp miền Trung",
    "summary": "Ba ngày, có thực hành đánh giá tại một nhà máy chế biến thủy sản."})
NEWSLETTER = ("Bản tin sản xuất sạch hơn số 1", {"number": 1, "summary": "Chuyên đề: sản xuất sạch hơn trong ngành giấy."})

ANNEX_HEADER = ["TT", "Tên nhiệm vụ", "Mục tiêu và nội dung", "Sản phẩm dự kiến", "Thời gian thực hiện",
                "Kinh phí đề nghị NSTW (triệu đồng)", "Kinh phí đối ứng (triệu đồng)", "Ghi chú"]
# (number, kind, issuer, issued on, title, summary, extra body lines, table)
DOCUMENTS = [
    ("1419/QĐ-TTg", DocumentKind.DECISION, "Thủ tướng Chính phủ", date(2009, 9, 7),
     "Quyết định phê duyệt Chiến lược sản xuất sạch hơn trong công nghiệp đến năm 2020",
     "Mục tiêu, chỉ tiêu đến năm 2015 và 2020, năm đề án thành phần và tổ chức thực hiện Chiến lược.",
     ["Điều 1. Phê duyệt Chiến lược sản xuất sạch hơn trong công nghiệp đến năm 2020.",
      "Mục tiêu: sản xuất sạch hơn được áp dụng rộng rãi tại các cơ sở sản xuất công nghiệp."], None),
    ("4108/BCT-KHCN", DocumentKind.LETTER, "Bộ Công Thương", date(2016, 5, 13),
     "Công văn về việc triển khai Chiến lược sản xuất sạch hơn trong công nghiệp",
     "Đề nghị các Bộ, ngành, địa phương, tập đoàn, tổng công ty chỉ định đơn vị đầu mối và đề xuất nhiệm vụ năm 2017.",
     ["Kính gửi: Các Bộ, cơ quan ngang Bộ; UBND các tỉnh, thành phố trực thuộc Trung ương; các tập đoàn, tổng công ty.",
      "Đề nghị Quý cơ quan chỉ định hoặc thành lập đơn vị đầu mối về sản xuất sạch hơn và đề xuất nhiệm vụ theo "
      "mẫu tại Phụ lục, gửi về Bộ Công Thương trước ngày 15 tháng 6 năm 2016."], None),
    ("Phụ lục 4108/BCT-KHCN", DocumentKind.TEMPLATE, "Bộ Công Thương", date(2016, 5, 13),
     "Phụ lục: Mẫu đề xuất nhiệm vụ thực hiện Chiến lược sản xuất sạch hơn năm 2017",
     "Biểu mẫu các đơn vị dùng để đề xuất nhiệm vụ kèm công văn 4108/BCT-KHCN.",
     ["Đơn vị điền mỗi nhiệm vụ một dòng; kinh phí tính bằng triệu đồng."], [ANNEX_HEADER, ["1", "", "", "", "", "", "", ""]]),
    ("221/2012/TTLT-BTC-BCT", DocumentKind.CIRCULAR, "Bộ Tài chính, Bộ Công Thương", date(2012, 12, 24),
     "Thông tư liên tịch hướng dẫn quản lý và sử dụng kinh phí thực hiện Chiến lược sản xuất sạch hơn",
     "Nội dung chi, mức chi và việc lập dự toán, quyết toán kinh phí thực hiện Chiến lược.", [], None),
    ("09/2019/NĐ-CP", DocumentKind.DECREE, "Chính phủ", date(2019, 1, 24),
     "Nghị định quy định về chế độ báo cáo của cơ quan hành chính nhà nước",
     "Thời hạn gửi báo cáo định kỳ và thời gian chốt số liệu báo cáo.", [], None),
    ("HD-SXSH-01", DocumentKind.GUIDANCE, "Văn phòng Chiến lược sản xuất sạch hơn", date(2015, 10, 1),
     "Tài liệu hướng dẫn đánh giá sản xuất sạch hơn cho doanh nghiệp",
     "Các bước đánh giá, biểu mẫu cân bằng vật liệu và ví dụ giải pháp theo ngành.", [], None),
]


def _published(office, category, title, days_ago, organisation=None, **fields):
    item, created = Item.objects.get_or_create(title=title, defaults={
        "category": category, "organisation": organisation or office, "status": Status.PUBLISHED,
        "published_at": clock.now() - timedelta(days=days_ago), **fields})
    return item, created


def load(stdout):
    office = Organisation.objects.filter(kind=OrganisationKind.OFFICE).first()
    if office is None:
        return
    units = {unit.code: unit for unit in Organisation.objects.filter(code__in=[p[1] for p in POSTS if p[1]])}
    created = 0
    for variant, (category, code, title, days_ago, fields) in enumerate(POSTS):
        item, was_created = _published(office, category, title, days_ago, units.get(code), **fields)
        if was_created:
            item.body = f"<p>{fields['summary']}</p>"
            item.cover = uploads.check(ContentFile(cover_png(variant), name="cover.png"), kind="image")
            item.save()
        created += was_created
    today = clock.today()
    title, fields = TRAINING
    _, was_created = _published(office, Category.TRAINING, title, 6, starts_on=today + timedelta(days=24),
                                ends_on=today + timedelta(days=26), **fields)
    created += was_created
    title, fields = NEWSLETTER
    _, was_created = _published(office, Category.NEWSLETTER, title, 40, **fields)
    created += was_created
    for number, kind, issuer, issued_on, title, summary, lines, table in DOCUMENTS:
        if issued_on > today:
            continue  # a text issued after the demo's today is not in its library yet
        item, was_created = _published(office, Category.DOCUMENT, title, max((today - issued_on).days, 0),
                                       doc_number=number, doc_kind=kind, issuer=issuer, issued_on=issued_on,
                                       summary=summary)
        if was_created:
            content = document_docx(issuer=issuer, number=number, place_date=docx.place_and_date("Hà Nội", issued_on), title=title,
                                    paragraphs=[summary, *lines], table=table)
            item.file = uploads.check(ContentFile(content, name="document.docx"), kind="document")
            item.save()
        created += was_created
    stdout.write(f"portal: {created} items\n")
