"""The code lists of the national real-name collection of union members (全国工会会员实名制
信息采集): values are stable codes, labels are what the forms and exports show."""

from django.db import models
from django.utils.translation import gettext_lazy as _

# GB/T 3304 names of China's ethnic groups, in the standard's order (the value is the name)
ETHNIC_GROUPS = [
    "汉族",
    "蒙古族",
    "回族",
    "藏族",
    "维吾尔族",
    "苗族",
    "彝族",
    "壮族",
    "布依族",
    "朝鲜族",
    "满族",
    "侗族",
    "瑶族",
    "白族",
    "土家族",
    "哈尼族",
    "哈萨克族",
    "傣族",
    "黎族",
    "傈僳族",
    "佤族",
    "畲族",
    "高山族",
    "拉祜族",
    "水族",
    "东乡族",
    "纳西族",
    "景颇族",
    "柯尔克孜族",
    "土族",
    "达斡尔族",
    "仫佬族",
    "羌族",
    "布朗族",
    "撒拉族",
    "毛南族",
    "仡佬族",
    "锡伯族",
    "阿昌族",
    "普米族",
    "塔吉克族",
    "怒族",
    "乌孜别克族",
    "俄罗斯族",
    "鄂温克族",
    "德昂族",
    "保安族",
    "裕固族",
    "京族",
    "塔塔尔族",
    "独龙族",
    "鄂伦春族",
    "赫哲族",
    "门巴族",
    "珞巴族",
    "基诺族",
    "穿青人",
    "其他",
    "外国血统中国籍人士",
]
ETHNICITY_CHOICES = [(name, name) for name in ETHNIC_GROUPS]


class PoliticalStatus(models.TextChoices):
    PARTY_MEMBER = "party_member", _("CPC member")
    PROBATIONARY = "probationary", _("CPC probationary member")
    LEAGUE = "league", _("Communist Youth League member")
    DEMOCRATIC_PARTY = "democratic_party", _("Democratic party member")
    NON_PARTY = "non_party", _("Non-party personage")
    MASSES = "masses", _("Ordinary citizen")


class Education(models.TextChoices):
    DOCTORATE = "doctorate", _("Doctorate")
    MASTER = "master", _("Master's degree")
    BACHELOR = "bachelor", _("Bachelor's degree")
    COLLEGE = "college", _("College (junior)")
    VOCATIONAL = "vocational", _("Secondary vocational or technical school")
    HIGH_SCHOOL = "high_school", _("Senior high school")
    JUNIOR_OR_BELOW = "junior_or_below", _("Junior high school or below")


class HouseholdType(models.TextChoices):
    URBAN = "urban", _("Urban household")
    RURAL = "rural", _("Rural household")


class SkillLevel(models.TextChoices):
    NONE = "none", _("No skill grade")
    GRADE_5 = "grade_5", _("Junior worker (grade 5)")
    GRADE_4 = "grade_4", _("Intermediate worker (grade 4)")
    GRADE_3 = "grade_3", _("Senior worker (grade 3)")
    GRADE_2 = "grade_2", _("Technician (grade 2)")
    GRADE_1 = "grade_1", _("Senior technician (grade 1)")


class ModelWorkerLevel(models.TextChoices):
    NATIONAL = "national", _("National")
    PROVINCIAL = "provincial", _("Provincial or ministerial")
    CITY = "city", _("City")
    COUNTY = "county", _("County or district")


# Chinese words a spreadsheet may hold for each code (the import accepts codes or these)
POLITICAL_WORDS = {
    "中共党员": "party_member",
    "党员": "party_member",
    "中共预备党员": "probationary",
    "预备党员": "probationary",
    "共青团员": "league",
    "团员": "league",
    "民主党派": "democratic_party",
    "民主党派成员": "democratic_party",
    "无党派人士": "non_party",
    "无党派": "non_party",
    "群众": "masses",
}
EDUCATION_WORDS = {
    "博士": "doctorate",
    "博士研究生": "doctorate",
    "硕士": "master",
    "硕士研究生": "master",
    "研究生": "master",
    "本科": "bachelor",
    "大学本科": "bachelor",
    "大专": "college",
    "大学专科": "college",
    "专科": "college",
    "中专": "vocational",
    "中专/技校": "vocational",
    "技校": "vocational",
    "职高": "vocational",
    "高中": "high_school",
    "初中及以下": "junior_or_below",
    "初中": "junior_or_below",
    "小学": "junior_or_below",
}
HOUSEHOLD_WORDS = {
    "城镇": "urban",
    "城镇户口": "urban",
    "非农业": "urban",
    "非农业户口": "urban",
    "农村": "rural",
    "农村户口": "rural",
    "农业": "rural",
    "农业户口": "rural",
}
SKILL_WORDS = {
    "无": "none",
    "初级工": "grade_5",
    "五级": "grade_5",
    "中级工": "grade_4",
    "四级": "grade_4",
    "高级工": "grade_3",
    "三级": "grade_3",
    "技师": "grade_2",
    "二级": "grade_2",
    "高级技师": "grade_1",
    "一级": "grade_1",
}
MODEL_LEVEL_WORDS = {
    "全国": "national",
    "全国劳模": "national",
    "省部级": "provincial",
    "省级": "provincial",
    "地市级": "city",
    "市级": "city",
    "县区级": "county",
    "县级": "county",
    "区级": "county",
}
YES_WORDS = {
    "是": True,
    "否": False,
    "yes": True,
    "no": False,
    "true": True,
    "false": False,
    "1": True,
    "0": False,
    "y": True,
    "n": False,
}
