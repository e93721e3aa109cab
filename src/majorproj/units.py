"""The units amounts come in. The ledger keeps 万元; reports speak 亿元 from one 亿 up."""

from decimal import Decimal

WAN_PER_YI = Decimal(10000)  # 1 亿元 = 10,000 万元
