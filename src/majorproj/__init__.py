"""majorproj: key investment project ledgers (重点项目台账): checked, summed and reported."""

__version__ = "0.1.0"
