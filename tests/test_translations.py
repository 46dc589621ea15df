"""Django merges every app's gettext catalogue into one: a (msgctxt, msgid) pair translated
differently in two apps' ``django.po`` shows one app's word everywhere. This keeps new
clashes out (fix them with ``pgettext``/msgctxt), and keeps each compiled ``django.mo`` in
step with its ``.po`` (run ``manage.py compilemessages`` after editing a ``.po``)."""

import ast
import gettext
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
PACKAGES = ("federation", "tenants", "workplaces")

# (msgctxt, msgid) -> the distinct translations it had on 2026-12-07 (found, not reviewed
# one by one: most are harmless synonyms, some deserve a msgctxt). The list only shrinks:
# when a clash is fixed, delete its line; never add one, give the new string a msgctxt.
KNOWN_CLASHES: dict[tuple[str | None, str], set[str]] = {
    ("transfer status", "Accepted"): {"已接受", "已接收"},
    (None, "Add"): {"新增", "添加"},
    (None, "Address"): {"地址", "家庭住址"},
    (None, "Approved"): {"已审批", "已批准"},
    (None, "As of"): {"截至", "截至日期", "统计日期"},
    (None, "Audience"): {"培训对象", "对象"},
    (None, "Audit committee"): {"经审委员", "经审委员会"},
    (None, "Awarded"): {"已获得", "已获评"},
    (None, "Before"): {"修改前", "变更前"},
    ("transfer status", "Cancelled"): {"已取消", "已撤回"},
    (None, "capacity"): {"名额", "容纳人数"},
    (None, "category"): {"科目", "类别"},
    (None, "Category"): {"科目", "类别"},
    (None, "Channel"): {"公开形式", "渠道"},
    (None, "Choose one of: %s."): {"请从以下选项中选择：%s。", "请选择：%s。"},
    (None, "closed on"): {"整改完成日期", "结案日期"},
    (None, "code"): {"代码", "编号"},
    (None, "Code"): {"代码", "编号"},
    (None, "Created"): {"创建", "新增"},
    (None, "Decision"): {"决定", "处理决定", "评审结论"},
    (None, "Decision recorded."): {"决定已记录。", "审批意见已记录。"},
    (None, "Deeds"): {"主要事迹", "事迹"},
    (None, "delegates"): {"代表人数", "代表总数"},
    (None, "description"): {"情况说明", "说明"},
    (None, "Download the template (xlsx)"): {"下载导入模板（xlsx）", "下载模板（xlsx）"},
    (None, "Due date"): {"截止日期", "缴款期限"},
    (None, "due date"): {"截止日期", "缴款期限"},
    (None, "Dues notice"): {"经费缴纳通知", "缴费通知"},
    (None, "Email"): {"电子邮件", "邮箱"},
    (None, "employer"): {"单位", "用人单位"},
    (None, "Employer"): {"企业方", "单位", "用人单位"},
    (None, "ends on"): {"任期届满日", "终止日期", "结束日期"},
    (None, "Ends on"): {"到期日", "结束日期"},
    (None, "Enter a date as YYYY-MM-DD."): {
        "日期格式应为 YYYY-MM-DD。",
        "请按 YYYY-MM-DD 格式输入日期。",
    },
    (None, "Export xlsx"): {"导出 Excel", "导出 xlsx", "导出Excel"},
    (None, "Filed on"): {"报送审查日期", "报送日期"},
    (None, "From"): {"从", "起"},
    (None, "held on"): {"举办日期", "召开日期", "日期"},
    (None, "Held on"): {"举办日期", "召开日期", "日期"},
    (None, "History"): {"办理记录", "历史记录", "记录"},
    (None, "Kind"): {"类别", "类型"},
    (None, "kind"): {"类别", "类型"},
    (None, "label"): {"名称", "标签"},
    (None, "late"): {"逾期", "逾期报送"},
    (None, "Level"): {"等级", "级别"},
    (None, "level"): {"等级", "级别"},
    (None, "member number"): {"会员号", "会员编号"},
    (None, "Migrant workers"): {"农民工", "农民工会员"},
    (None, "Monthly"): {"按月", "月度"},
    (None, "No plans yet."): {"尚无计划。", "暂无计划。"},
    (None, "No such union."): {"没有该工会。", "没有这个工会。"},
    (None, "No."): {"序号", "编号"},
    (None, "Not awarded"): {"未获得", "未获评"},
    (None, "Not passed"): {"未达标", "未通过"},
    (None, "Nothing yet."): {"暂无。", "暂无记录。"},
    (None, "Overdue"): {"逾期", "逾期未还"},
    (None, "Page %(n)s of %(total)s"): {
        "第 %(n)s 页 共 %(total)s 页",
        "第 %(n)s 页，共 %(total)s 页",
    },
    (None, "paid on"): {"缴款日期", "缴纳日期"},
    ("transfer status", "Pending"): {"待处理", "待接收"},
    (None, "Period"): {"所属期", "期间"},
    (None, "period"): {"所属期", "期间"},
    (None, "points"): {"分", "分值"},
    (None, "Proposals answered"): {"提案办理答复", "提案已答复"},
    (None, "proposer"): {"建议人", "提案人"},
    (None, "Proposer"): {"建议人", "提案人"},
    (None, "rank"): {"名次", "排序"},
    (None, "re-check"): {"复查", "复核"},
    (None, "Reason"): {"事由", "原因", "理由"},
    (None, "reason"): {"事由", "原因", "理由"},
    (None, "Recent imports"): {"最近导入", "最近的导入"},
    (None, "rectification"): {"整改", "整改情况"},
    (None, "Rejected"): {"已拒绝", "未批准"},
    ("transfer status", "Rejected"): {"已拒收", "已拒绝"},
    (None, "Result"): {"成绩", "结果"},
    (None, "Returned"): {"已退回", "退回整改"},
    (None, "Review"): {"审查", "审核", "评审"},
    (None, "reviewed on"): {"复核日期", "审查日期"},
    (None, "Reviewed on"): {"复核日期", "审查日期"},
    (None, "Save draft"): {"保存草稿", "暂存"},
    (None, "Send a JSON object."): {"请发送 JSON 对象。", "请提交一个JSON对象。"},
    (None, "Show"): {"显示", "查看"},
    (None, "Staff-home assessment accepted"): {"职工之家验收结论", "职工之家验收通过"},
    (None, "Staff-home assessment reopened"): {"职工之家重新开放", "职工之家验收重新开放"},
    (None, "Staff-home assessment returned"): {"职工之家退回整改", "职工之家验收退回整改"},
    (None, "Staff-home assessment vetoed"): {"职工之家一票否决", "职工之家验收一票否决"},
    (None, "Staff-home scheme"): {"职工之家评分方案", "职工之家验收标准"},
    (None, "starts on"): {"开始日期", "起始日期"},
    (None, "submitted on"): {"提交日期", "提出日期"},
    (None, "Submitted on"): {"提交日期", "提出日期"},
    (None, "The column %(c)s appears twice."): {"列 %(c)s 出现了两次。", "列 %(c)s 重复出现。"},
    (None, "The end is before the start."): {"结束日期早于开始日期。", "结束早于开始。"},
    (None, "The file is larger than %(mb)s MB."): {"文件超过 %(mb)s MB。", "文件超过%(mb)s MB。"},
    (None, "This field is required."): {"此项为必填项。", "此项必填。"},
    (None, "title"): {"名称", "标题"},
    (None, "To"): {"止", "至"},
    (None, "Voucher"): {"凭证", "凭证号"},
    (None, "Workers covered"): {"覆盖职工人数", "覆盖职工数"},
    (None, "Workers' congress"): {"职工代表大会", "职工（代表）大会"},
}


def _catalogues() -> list[Path]:
    return sorted(
        path
        for package in PACKAGES
        for path in (ROOT / package).rglob("locale/*/LC_MESSAGES/django.po")
        if "tests" not in path.relative_to(ROOT).parts
    )


def _entries(po: Path) -> dict[tuple[str | None, str], dict[str, str]]:
    """The translated, non-fuzzy, non-obsolete entries of a .po: (msgctxt, msgid) to its
    msgstr (or msgstr[0], msgstr[1], ... for a plural entry, keyed by the singular)."""
    entries: dict[tuple[str | None, str], dict[str, str]] = {}
    for block in po.read_text(encoding="utf-8").split("\n\n"):
        fields: dict[str, str] = {}
        fuzzy = False
        field = None
        for line in block.splitlines():
            if line.startswith("#,"):
                fuzzy = fuzzy or "fuzzy" in line
            elif line.startswith("#~"):
                fields = {}
                break
            elif line.startswith("#") or not line.strip():
                continue
            elif line.startswith('"'):
                fields[field] += ast.literal_eval(line)
            else:
                field, _, value = line.partition(" ")
                fields[field] = ast.literal_eval(value)
        msgid = fields.get("msgid")
        if not msgid or fuzzy:
            continue
        msgstrs = {f: value for f, value in sorted(fields.items()) if f.startswith("msgstr")}
        if any(msgstrs.values()):
            entries[(fields.get("msgctxt"), msgid)] = msgstrs
    return entries


def _app(po: Path) -> str:
    return str(po.relative_to(ROOT)).split("/locale/")[0]


def _clashes() -> dict[tuple[str | None, str], dict[str, str]]:
    seen: dict[tuple[str | None, str], dict[str, str]] = defaultdict(dict)
    for po in _catalogues():
        for key, msgstrs in _entries(po).items():
            seen[key][_app(po)] = " | ".join(msgstrs.values())
    return {key: apps for key, apps in seen.items() if len(set(apps.values())) > 1}


def test_a_message_reads_the_same_in_every_app_unless_known():
    clashes = _clashes()
    new = {
        key: apps for key, apps in clashes.items() if set(apps.values()) != KNOWN_CLASHES.get(key)
    }
    assert not new, "same (msgctxt, msgid) translated differently; use pgettext:\n" + "\n".join(
        f"{key!r}: {apps!r}" for key, apps in sorted(new.items(), key=repr)
    )


def test_every_known_clash_still_clashes():
    clashes = _clashes()
    fixed = sorted((key for key in KNOWN_CLASHES if key not in clashes), key=repr)
    assert not fixed, "no longer clashing, delete from KNOWN_CLASHES:\n" + "\n".join(
        map(repr, fixed)
    )


def test_every_compiled_catalogue_matches_its_po():
    stale = []
    for po in _catalogues():
        mo = po.with_suffix(".mo")
        if not mo.exists():
            stale.append(f"{mo.relative_to(ROOT)} missing")
            continue
        with mo.open("rb") as handle:
            catalog = gettext.GNUTranslations(handle)._catalog  # type: ignore[attr-defined]
        for (context, msgid), msgstrs in _entries(po).items():
            key = f"{context}\x04{msgid}" if context is not None else msgid
            compiled = {
                field: catalog.get(key if field == "msgstr" else (key, int(field[7:-1])))
                for field in msgstrs
            }
            if compiled != msgstrs:
                stale.append(f"{po.relative_to(ROOT)}: {msgid!r} -> {compiled!r} != {msgstrs!r}")
    assert not stale, "run manage.py compilemessages:\n" + "\n".join(stale[:20])
