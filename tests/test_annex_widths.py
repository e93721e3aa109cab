"""How 附件1's names and 形象进度 share their width: the fewest lines for the rows.

A line of a column w mm wide holds int((w − 2.5) / 3.7) full characters (五号 text, 3.7
mm, in a cell with 2.5 mm of margins): 25 mm holds 6, 32 mm 7, 35 mm 8, 40 mm 10.
"""

from majorproj.report.annexes import _width, shared_width

NAME10, PROGRESS12 = "一二三四五六七八九十", "甲乙丙丁戊己庚辛壬癸子丑"


def test_the_split_with_the_fewest_lines_and_of_those_the_widest_names() -> None:
    # 60 mm: the 12 characters take 3 lines below 25 mm (5 a line), 2 from 25 mm (6 a
    # line) while the name, 35 mm and 8 a line, takes 2 as well; wider, the name takes
    # 2 or more and the progress never 1 (46.9 mm, past 40): 2 lines from 25 mm on, and
    # of those the widest name, 60 − 25 = 35
    assert shared_width(60, [(NAME10, PROGRESS12)], range(20, 41)) == (35, 25)


def test_a_long_progress_beside_a_short_name_widens_its_column() -> None:
    # 20 characters: 2 lines from 40 mm (10 a line), 3 from 32 mm (7 a line) to 39 mm
    # (9); the name of 2 holds in the 20 mm left
    long_progress = "一二三四五六七八九十" * 2
    assert shared_width(60, [("短名", long_progress)], range(20, 41)) == (20, 40)


def test_rows_count_by_their_taller_cell_and_identical_rows_alike() -> None:
    # the same row three times chooses as once; an empty progress counts 1 line
    assert shared_width(60, [(NAME10, PROGRESS12)] * 3, range(20, 41)) == (35, 25)
    assert shared_width(60, [(NAME10, "")], range(20, 41)) == (40, 20)


def test_widths_count_cjk_as_one_and_ascii_as_half() -> None:
    assert (_width("ab12"), _width("项目A"), _width("")) == (2, 2.5, 0)
