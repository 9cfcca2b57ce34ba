"""Vietnamese alphabetical order (portal.transliteration.sort_key), as the comparison's agency list uses it.

The order comes from pyuca's Unicode Collation Algorithm with the alphabet's own letters tailored in.
A web worker holds only the Latin, Greek and punctuation rows of its table (README, "Performance": a
worker stays under 150 MB), so these check both that the order is a reader's and that it is the full
table's for every Vietnamese name, and what the worker pays for it.
"""

import random
import subprocess
import sys

from django.conf import settings
from pyuca import Collator

from portal.transliteration import _tailored, sort_key, vietnamese_order

AGENCY_NAMES = [
    "Sở Kế hoạch và Đầu tư",
    "Sở Khoa học và Công nghệ",
    "Sở Du lịch",
    "Sở Đô thị",
    "Sở Giáo dục và Đào tạo",
    "Sở Giao thông Vận tải",
    "Sở Lao động - Thương binh và Xã hội",
    "Sở Ngoại vụ",
    "Sở Nội vụ",
    "Sở Tài chính",
    "Sở Tư pháp",
    "Sở Xây dựng",
    "Sở Y tế",
    "Ủy ban nhân dân huyện Ân Thi",
    "Ban Quản lý các khu công nghiệp",
    "Thanh tra tỉnh",
    "Văn phòng UBND tỉnh",
    "Đài Phát thanh và Truyền hình",
    "ăn",
    "anh",
    "âm",
    "ơn",
    "ưa",
    "uy",
    "Á",
    "à",
    "ả",
    "ã",
    "ạ",
    "a",
    "123 Phố Huế",
    "São Paulo",
    "Zürich",
]


def test_names_sort_as_a_vietnamese_reader_expects():
    shuffled = random.Random(7).sample(AGENCY_NAMES, len(AGENCY_NAMES))
    ordered = vietnamese_order(shuffled)

    def before(first, second):
        return ordered.index(first) < ordered.index(second)

    assert before("Sở Kế hoạch và Đầu tư", "Sở Khoa học và Công nghệ")  # k before kh
    assert before("Sở Du lịch", "Sở Đô thị")  # d before đ, whatever follows
    assert before("Sở Đô thị", "Sở Giáo dục và Đào tạo")
    assert before("anh", "ăn") and before("ăn", "âm")  # a, ă, â are letters of their own
    assert before("uy", "ưa")  # u before ư
    assert before("Sở Tài chính", "Sở Tư pháp")
    assert ordered[0] == "123 Phố Huế"  # digits first


def test_the_workers_table_orders_latin_text_as_the_full_table_does():
    full = Collator()
    for seed in range(20):
        shuffled = random.Random(seed).sample(AGENCY_NAMES, len(AGENCY_NAMES))
        assert sorted(shuffled, key=sort_key) == sorted(
            shuffled, key=lambda name: full.sort_key(_tailored(name))
        )


def test_text_outside_the_table_still_sorts_after_latin_names():
    ordered = vietnamese_order(["Москва", "北京", "Sở Y tế", "Ban Quản lý"])

    assert ordered[:2] == ["Ban Quản lý", "Sở Y tế"]
    assert set(ordered[2:]) == {"Москва", "北京"}


MEMORY_PROBE = """
def rss_kb():
    for line in open("/proc/self/status"):
        if line.startswith("VmRSS"):
            return int(line.split()[1])
from portal.transliteration import _collator, sort_key
before = rss_kb()
sort_key("Sở Khoa học và Công nghệ")
print(rss_kb() - before)
"""


def test_ordering_names_costs_a_worker_little_memory():
    grown_kb = subprocess.run(
        [sys.executable, "-c", MEMORY_PROBE],
        cwd=settings.BASE_DIR,
        capture_output=True,
        text=True,
        timeout=60,
        check=True,
    ).stdout.strip()

    assert int(grown_kb) < 4 * 1024  # the full table took 11 MB
