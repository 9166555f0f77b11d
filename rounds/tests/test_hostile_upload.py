"""Four officers upload hostile workbooks at once, over HTTP: each is refused with a message, and the
public pages keep answering within a second meanwhile."""
import threading
import time
from datetime import datetime

import requests
from django.test import Client
from django.urls import reverse

from core.testing.world import UNIT_OFFICER
from core.tests.test_sheets import declared_huge, shared_string_bomb
from rounds import services
from rounds.models import StagedImport

from .factories import open_2017_round

UPLOADS_PER_THREAD = 6


def test_four_concurrent_hostile_uploads_leave_public_pages_answering_within_a_second(live_server, transactional_db,
                                                                                      world, clock):
    clock.set_now(datetime(2016, 5, 20, 9, 0))
    round_obj = open_2017_round(world)
    # The proposal exists before the uploads race: what is measured is the reading of hostile files (the
    # in-memory SQLite of live_server locks whole tables, so four first visits at once would collide).
    services.proposal_for(round_obj=round_obj, organisation=world.unit)
    django_client = Client()
    django_client.force_login(world.user(UNIT_OFFICER))
    session_id = django_client.cookies["sessionid"].value
    upload_url = live_server.url + reverse("rounds:upload", args=[round_obj.pk, world.unit.code])
    hostile = [("huge.xlsx", declared_huge(), "khai báo vùng dữ liệu quá lớn"),
               ("bomb.xlsx", shared_string_bomb(), "quá nhiều chữ")]
    answers, failures = [], []

    def uploader(number):
        http = requests.Session()
        http.cookies.set("sessionid", session_id)
        http.get(upload_url, timeout=30)
        for attempt in range(UPLOADS_PER_THREAD):
            name, content, message = hostile[(number + attempt) % len(hostile)]
            response = http.post(upload_url, files={"file": (name, content)}, timeout=30,
                                 headers={"X-CSRFToken": http.cookies["csrftoken"]})
            (answers if response.status_code == 200 and message in response.text else failures).append(name)

    threads = [threading.Thread(target=uploader, args=(number,)) for number in range(4)]
    for thread in threads:
        thread.start()
    latencies = []
    public = requests.Session()
    while any(thread.is_alive() for thread in threads) or not latencies:
        for path in ("/", reverse("rounds:public_list")):
            started = time.perf_counter()
            assert public.get(live_server.url + path, timeout=30).status_code == 200
            latencies.append(time.perf_counter() - started)
    for thread in threads:
        thread.join()
    assert failures == [] and len(answers) == 4 * UPLOADS_PER_THREAD
    assert max(latencies) < 1.0, sorted(latencies)[-3:]
    assert not StagedImport.objects.exists()
