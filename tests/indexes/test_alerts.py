"""E-mail alerts: double opt-in, alerts from the background worker to a real SMTP server, one-click
unsubscribe (RFC 8058) that deletes the address, no address shown, the form rate-limited."""

import io
import re
from datetime import date
from decimal import Decimal

import pytest
from django.core.management import call_command

from indexes import alerts
from indexes.importers import import_results
from indexes.importers.procedures import import_procedures
from indexes.models import AlertSubscription, IndexEdition, ServiceCount
from tests.factories import make_agency_site
from tests.indexes.factories import add_result, csv_bytes, make_agency, make_edition, make_section

ADDRESS = "phongvien.baotinh@example.vn"


def run_worker():
    call_command(
        "db_worker", "--batch", "--no-startup-delay", "--queue-name", "default", "--backend", "background"
    )


def link_in(message) -> str:
    return re.search(r"http://\S+", message.get_content()).group(0)


@pytest.fixture
def figures(live_db):
    home = make_agency_site()
    make_section(home)
    edition = make_edition(2023)
    khcn = make_agency("Sở Khoa học và Công nghệ")
    add_result(edition, khcn, "83.45")
    return khcn


def subscribe(client, topic: str, email: str = ADDRESS, **extra):
    return client.post("/nhan-tin/", {"email": email, "topic": topic, "website": "", **extra})


def test_double_opt_in_then_alerts_then_one_click_unsubscribe(client, figures, smtp_server):
    response = subscribe(client, figures.slug)
    assert response.status_code == 200
    assert ADDRESS not in response.content.decode()
    run_worker()
    [confirmation] = smtp_server.inbox.messages
    assert confirmation["To"] == ADDRESS
    assert confirmation["Subject"].strip() == "Xác nhận nhận tin qua thư điện tử"
    confirm_link = link_in(confirmation)
    path = confirm_link.removeprefix("http://localhost")

    # Nothing is sent before the address is confirmed.
    assert alerts.confirmed().count() == 0
    page = client.get(path)
    assert page.status_code == 200 and ADDRESS not in page.content.decode()
    assert AlertSubscription.objects.get().confirmed_at is None  # a link checker's GET confirms nothing
    confirmed = client.post(path)
    assert "Đã xác nhận" in confirmed.content.decode() and ADDRESS not in confirmed.content.decode()

    # A new edition ranking the agency, then a correction of its result: two alerts.
    edition = make_edition(2024, live=False)
    result = add_result(edition, figures, "88.1")
    edition.save_revision().publish()
    result.index_value = result.points = Decimal("88.6")
    result.save()
    run_worker()
    published, corrected = smtp_server.inbox.messages[1:]
    assert published["Subject"].strip() == "Đã công bố: Chỉ số CCHC năm 2024"
    assert "http://localhost/chi-so-cai-cach-hanh-chinh/chi-so-cchc-2024/" in published.get_content()
    # The edition is named with its series (publisher and group), as the pages name it.
    assert "(UBND tỉnh Thử nghiệm — Sở, ban, ngành cấp tỉnh) đã được công bố." in published.get_content()
    assert corrected["Subject"].strip() == "Đính chính: Sở Khoa học và Công nghệ trong Chỉ số CCHC năm 2024"
    assert "Chỉ số (%): 88,1 → 88,6" in corrected.get_content()
    unsubscribe = corrected["List-Unsubscribe"].strip().strip("<>")
    assert corrected["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    assert unsubscribe in corrected.get_content()

    # A mail program's one-click unsubscribe (RFC 8058): a POST with no cookie and no token.
    gone = client.post(unsubscribe.removeprefix("http://localhost"), {"List-Unsubscribe": "One-Click"})
    assert gone.status_code == 200
    assert not AlertSubscription.objects.filter(email=ADDRESS).exists()
    result.index_value = result.points = Decimal("88.7")
    result.save()
    run_worker()
    assert len(smtp_server.inbox.messages) == 3  # nothing more
    # The confirmation link of a deleted subscription no longer works.
    assert client.get(path).status_code == 404


def test_new_editions_and_service_counts_reach_their_subscribers_only(client, figures, smtp_server):
    subscribe(client, "ky-moi", "a@example.vn")
    subscribe(client, figures.slug, "b@example.vn")
    run_worker()
    for message in smtp_server.inbox.messages:
        client.post(link_in(message).removeprefix("http://localhost"))
    other = make_agency("Sở Nội vụ")
    edition = make_edition(2024, live=False)
    add_result(edition, other, "90")
    edition.save_revision().publish()
    count = ServiceCount.objects.create(
        agency=figures, as_of="2024-06-30", total_procedures=55, online_procedures=19, live=False
    )
    count.save_revision().publish()
    run_worker()
    alerts_sent = [(m["To"], m["Subject"].strip()) for m in smtp_server.inbox.messages[2:]]
    assert sorted(alerts_sent) == [
        ("a@example.vn", "Đã công bố: Chỉ số CCHC năm 2024"),
        ("b@example.vn", "Dịch vụ công trực tuyến của Sở Khoa học và Công nghệ, 30/06/2024"),
    ]
    # Published again after an edit: no second alert.
    IndexEdition.objects.get(slug="chi-so-cchc-2024").save_revision().publish()
    run_worker()
    assert len(smtp_server.inbox.messages) == 4


def test_bad_input_is_refused_in_vietnamese_and_the_form_is_rate_limited(
    client, figures, settings, smtp_server
):
    settings.ALERTS_RATE_PER_HOUR = 2
    assert subscribe(client, "ky-moi", "khong-phai-dia-chi").status_code == 400
    assert subscribe(client, "khong-co-co-quan").status_code == 400
    assert subscribe(client, "ky-moi", website="http://spam.example").status_code == 400
    assert subscribe(client, "ky-moi").status_code == 200
    assert subscribe(client, "ky-moi").status_code == 200  # the same again: same answer, one row
    limited = subscribe(client, "ky-moi", "c@example.vn")
    assert limited.status_code == 429 and limited["Retry-After"] == "3600"
    assert "Nhiều yêu cầu đăng ký" in limited.content.decode()
    assert AlertSubscription.objects.count() == 1
    assert client.get("/nhan-tin/xac-nhan/gia-mao/").status_code == 404


def test_unconfirmed_addresses_are_deleted_after_the_confirmation_days(client, figures, smtp_server):
    subscribe(client, "ky-moi")
    AlertSubscription.objects.update(created_at="2020-01-01T00:00:00Z")
    run_worker()
    call_command("purge_alerts")
    assert not AlertSubscription.objects.exists()


def test_a_correction_made_by_an_import_reaches_the_agencys_followers(client, figures, smtp_server):
    """An import writes corrections in bulk (no post_save): the followers of each corrected agency get
    their alert all the same, and nobody else."""
    subscribe(client, figures.slug, "b@example.vn")
    subscribe(client, "ky-moi", "a@example.vn")
    run_worker()
    for message in smtp_server.inbox.messages:
        client.post(link_in(message).removeprefix("http://localhost"))
    header = ["STT", "Cơ quan", "Cải cách thể chế (40)", "Cải cách thủ tục hành chính (60)", "Tổng điểm"]
    rows = [header, [1, "Sở Khoa học và Công nghệ", 30, 54.5, 84.5], [2, "Sở Nội vụ", 40, 50, 90]]

    report = import_results(
        edition=IndexEdition.objects.get(slug="chi-so-cchc-2023"),
        file=io.BytesIO(csv_bytes(rows)),
        filename="ket-qua.csv",
        create_agencies=True,
    )
    run_worker()

    assert report.ok, report.errors[:3]
    [alert] = smtp_server.inbox.messages[2:]
    assert alert["To"] == "b@example.vn"
    assert alert["Subject"].strip() == "Đính chính: Sở Khoa học và Công nghệ trong Chỉ số CCHC năm 2023"
    assert "Chỉ số (%): 83,45 → 84,5" in alert.get_content()
    assert alert["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"


def test_a_published_procedure_list_reaches_the_agencys_followers(client, figures, smtp_server):
    subscribe(client, figures.slug, "b@example.vn")
    run_worker()
    client.post(link_in(smtp_server.inbox.messages[0]).removeprefix("http://localhost"))
    data = "Mã thủ tục;Tên thủ tục;Mức độ\nA-1;Thủ tục một;Toàn trình\nA-2;Thủ tục hai;\n".encode()

    import_procedures(
        agency=figures, file=io.BytesIO(data), filename="a.csv", as_of=date(2024, 6, 30), publish=True
    )
    run_worker()

    [alert] = smtp_server.inbox.messages[1:]
    assert (
        alert["Subject"].strip() == "Danh sách thủ tục của Sở Khoa học và Công nghệ, tính đến ngày 30/06/2024"
    )
    assert "1 trên 2 thủ tục trực tuyến" in alert.get_content()
