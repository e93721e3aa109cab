"""Whole rows of the outputs against the definitions, so that a column swapped or filled
with the wrong figure fails: the CSV's every column, annex 2's light counts.

Small ledger (tests/metrics/small), 2024H1, 序时进度 6/12. 省重点 are P1, P2, P7, P9:
- totals 10000 + 20000 + 30000 + 4000 = 64000; plans 1200 + 2400 + 3000 + 500 = 7100;
- completed 600 + 480 + 1185 + 50 = 2315;
- 本月完成 (June less each one's previous report): P1 600 − 400 (May), P2 480 − 0,
  P7 1185 − 0, P9 50 − 0: 200 + 480 + 1185 + 50 = 1915;
- lights: P1 600/1200 on 序时 (green), P2 480/2400 −30 (yellow), P7 1185/3000 −10.5
  (yellow), P9 50/500 −40 (red): red 1, yellow 2, green 1;
- new projects: P2 only, started 30 June: 1 of 1; 投产一批 P1 (30 June) 1 of 1, 开工一批 P2
  1 of 1, 达效一批 none; open issues: P2's land (its funding issue is resolved) and P9's
  three: 4.
"""

import csv
import io
from decimal import Decimal as D
from pathlib import Path

from typer.testing import CliRunner

from majorproj.cli import app
from majorproj.render.numbers import percent, points

SMALL = Path(__file__).parent / "metrics" / "small"


def csv_rows(*args):
    result = CliRunner().invoke(app, ["summary", "-l", str(SMALL), "-p", "2024H1", "-f", "csv",
                                      *args])
    assert result.exit_code == 0, result.output
    rows = list(csv.reader(io.StringIO(result.stdout_bytes.decode("utf-8-sig"))))
    return rows[0], rows[1:]


def test_every_csv_column_of_a_group_is_its_own_figure():
    header, body = csv_rows("--by", "level")
    provincial = dict(zip(header, body[0], strict=True))
    completed, plan = D(2315), D(7100)
    assert provincial == {
        "级别": "省重点",
        "项目个数": "4",
        "总投资（万元）": "64000",
        "年度计划投资（万元）": "7100",
        "完成投资（万元）": "2315",
        "本月完成（万元）": "1915",
        "投资完成率": percent(completed / plan),  # 32.6%
        "超序时进度（百分点）": points((12 * completed - 6 * plan) * 100 / (12 * plan)),  # -17.4
        "履约率": percent(12 * completed / (6 * plan)),  # 65.2%
        "计划新开工": "1", "已开工": "1", "开工率": "100.0%",
        "开工一批": "1", "开工一批已开工": "1",
        "投产一批": "1", "投产一批已投产": "1",
        "达效一批": "0", "达效一批已达效": "0",
        "竣工": "0",
        "红灯": "1", "黄灯": "2", "绿灯": "1",
        "存在问题": "4",
    }
    assert provincial["投资完成率"] == "32.6%" and provincial["超序时进度（百分点）"] == "-17.4"


def test_annex_2_counts_red_and_yellow_in_their_own_columns(tmp_path):
    # the report tests' ledger: 甲县 A1 18000/30000 (green) and A2 2000/12000 −33.3 (red);
    # 乙区 B1 逾期未开工 (red), B2 not due, B3 4000/10000 −10.0 (green): red 1, yellow 0 each
    from test_report import build, write_ledger

    counties = build(write_ledger(tmp_path / "ledger")).annexes[1]
    headers = [c.header for c in counties.columns]
    red, yellow = headers.index("红灯"), headers.index("黄灯")
    assert [(r[1], r[red], r[yellow]) for r in counties.rows] == [
        ("甲县", "1", "0"), ("乙区", "1", "0"), ("丙县", "0", "0")]
    assert (counties.total[red], counties.total[yellow]) == ("2", "0")
