//! The strings of the household detail and the household and member forms, Chinese and
//! English.

use chrono::NaiveDate;

use crate::i18n::Lang;
use crate::tui::strings::{self as s, T};

// The detail screen.
pub const DETAIL_TITLE: T = T("农户", "Household");
pub const L_HEAD: T = T("户主", "Head");
pub const L_PLACE: T = T("村组", "Village");
pub const L_CADRE: T = T("包户干部", "Cadre");
pub const L_PHONE: T = T("电话", "Phone");
pub const L_ADDRESS: T = T("地址", "Address");
pub const L_TAGS: T = T("标签", "Tags");
pub const L_NOTE: T = T("备注", "Note");
pub const SEC_MEMBERS: T = T("家庭成员", "Members");
pub const SEC_VISITS: T = T("走访记录", "Visits");
pub const SEC_ITEMS: T = T("台账事项", "Items");
pub const COL_NAME: T = T("姓名", "Name");
pub const COL_RELATION: T = T("关系", "Rel.");
pub const COL_SEX: T = T("性别", "Sex");
pub const COL_BIRTH: T = T("出生日期", "Born");
pub const COL_ID: T = T("身份证号", "ID number");
pub const COL_HEALTH: T = T("健康", "Health");
pub const COL_DISABILITY: T = T("残疾", "Disability");
pub const COL_NOTE: T = T("备注", "Note");
pub const REVEALED: T = T(
    "完整号码已显示，本次查阅已记录（s 隐藏）",
    "Full numbers shown; this look-up is logged (s hides)",
);
pub const CANNOT_OPEN: T = T(
    "暂时无法打开（记录不存在或此功能尚未提供）",
    "Cannot open that (the record is gone or the screen is not available yet)",
);
pub const NO_CONFLICT: T = T("本户没有冲突", "This household has no conflicts");
pub const DELETED_CONFLICT: T = T("删除冲突", "delete conflict");

/// "有 3 处冲突：按 m 处理".
pub fn conflicts(lang: Lang, n: usize) -> String {
    match lang {
        Lang::Zh => format!("有 {n} 处冲突：按 m 处理"),
        Lang::En => format!("{n} conflict{}: press m to resolve", plural(n)),
    }
}

fn plural(n: usize) -> &'static str {
    if n == 1 { "" } else { "s" }
}

/// "家庭成员（3）" with "+" when more are not loaded yet.
pub fn section(lang: Lang, t: T, n: usize, more: bool) -> String {
    s::section(lang, t, n, more)
}

pub fn sex_label(lang: Lang, code: &str) -> &'static str {
    match code {
        "m" => lang.pick("男", "M"),
        "f" => lang.pick("女", "F"),
        _ => "",
    }
}

/// 残疾等级 1–4 as people say it (一级 … 四级).
pub fn grade_label(lang: Lang, g: u8) -> String {
    const ZH: [&str; 4] = ["一级", "二级", "三级", "四级"];
    match lang {
        Lang::Zh => ZH
            .get(usize::from(g).wrapping_sub(1))
            .map_or_else(|| format!("{g}级"), |s| (*s).to_owned()),
        Lang::En => format!("grade {g}"),
    }
}

pub const HINT_DETAIL: T = T(
    "↑↓ 选择  Enter 打开  e 编辑  a 加成员  n 新走访  s 显示号码  m 冲突  Esc 返回",
    "↑↓ move  Enter open  e edit  a member  n visit  s numbers  m resolve  Esc back",
);
pub const HELP_DETAIL: &[(&str, T)] = &[
    (
        "↑ ↓  k j",
        T(
            "在成员、走访、事项间移动选择",
            "move across members, visits and items",
        ),
    ),
    ("PgUp PgDn", T("翻页", "page up / down")),
    ("Home End", T("到第一行 / 最后一行", "first / last line")),
    (
        "Tab",
        T(
            "跳到下一部分（成员 → 走访 → 事项）",
            "jump to the next section (members → visits → items)",
        ),
    ),
    (
        "Enter",
        T(
            "打开选中的走访或事项；选中成员时编辑该成员",
            "open the selected visit or item; on a member: edit it",
        ),
    ),
    (
        "e",
        T(
            "编辑本户（选中成员时编辑该成员）",
            "edit the household (on a member: edit the member)",
        ),
    ),
    ("E", T("编辑本户", "edit the household")),
    ("a", T("添加家庭成员", "add a member")),
    ("n", T("为本户新建走访记录", "new visit to this household")),
    (
        "s",
        T(
            "显示 / 隐藏完整身份证号和电话（每次显示都记入查阅日志）",
            "show / hide full ID numbers and phones (each showing is logged)",
        ),
    ),
    ("m", T("处理冲突", "resolve conflicts")),
    ("r", s::KEY_REFRESH.1),
    ("Esc", T("返回", "back")),
    s::KEY_HELP,
    s::KEY_QUIT,
];

// The forms.
pub const NEW_HOUSEHOLD: T = T("新建农户", "New household");
pub const EDIT_HOUSEHOLD: T = T("编辑农户", "Edit household");
pub const NEW_MEMBER: T = T("添加家庭成员", "Add member");
pub const EDIT_MEMBER: T = T("编辑家庭成员", "Edit member");
pub const F_VILLAGE: T = T("村", "Village");
pub const F_GROUP: T = T("村民小组", "Group");
pub const F_HEAD: T = T("户主姓名", "Head's name");
pub const F_HEAD_ID: T = T("户主身份证号", "Head's ID no.");
pub const F_PHONE: T = T("联系电话", "Phone");
pub const F_ADDRESS: T = T("地址", "Address");
pub const F_TAGS: T = T("标签", "Tags");
pub const F_CADRE: T = T("包户干部", "Cadre");
pub const F_NOTE: T = T("备注", "Note");
pub const F_NAME: T = T("姓名", "Name");
pub const F_RELATION: T = T("与户主关系", "Relation");
pub const F_SEX: T = T("性别", "Sex");
pub const F_BIRTH: T = T("出生日期", "Birth date");
pub const F_ID: T = T("身份证号", "ID number");
pub const F_HEALTH: T = T("健康状况", "Health");
pub const F_DIS_TYPE: T = T("残疾类别", "Disability");
pub const F_DIS_GRADE: T = T("残疾等级", "Grade");

pub const N_OPTIONAL_ID: T = T("选填，18 位", "optional, 18 characters");
pub const N_HEAD_ID: T = T(
    "选填；户主同时登记为家庭成员",
    "optional; the head is added as a member",
);
pub const N_PHONE: T = T("选填，11 位手机号", "optional, 11-digit mobile");
pub const N_TAGS: T = T("输入筛选，回车选中", "type to filter, Enter picks");
pub const N_BIRTH: T = T("如 1980-05-01；可留空", "e.g. 1980-05-01 or empty");
pub const N_SELECT: T = T("←→ 选择", "←→ choose");

pub const ME: T = T("（本人）", " (me)");
pub const UNSAVED_TAG: T = T(
    "还有未选中的标签文字：回车选中或删去",
    "Tag text not picked yet: press Enter to pick it or delete it",
);
pub const GRADE_NEEDS_TYPE: T = T(
    "填了残疾等级，请同时选择残疾类别",
    "A disability grade needs a disability type",
);
pub const NO_VILLAGES: T = T(
    "还没有村：请先用 minqing init 建立乡镇和村",
    "No villages yet: run minqing init to set up the township and villages",
);
pub const UNCHANGED: T = T("没有修改", "Nothing changed");
pub const HINT_FORM: T = T(
    "Ctrl+S 保存  Esc 取消  Tab/Enter 下一项  ←→ 选择",
    "Ctrl+S save  Esc cancel  Tab/Enter next field  ←→ choose",
);
pub const HELP_FORM: &[(&str, T)] = &[
    ("Ctrl+S", T("保存", "save")),
    (
        "Esc",
        T(
            "取消（有修改时先询问）",
            "cancel (asks first if anything was typed)",
        ),
    ),
    (
        "Tab Enter ↓",
        T(
            "下一项（备注中 Enter 换行）",
            "next field (Enter is a new line in notes)",
        ),
    ),
    ("Shift+Tab ↑", T("上一项", "previous field")),
    (
        "← → Space",
        T("在选择项中切换", "change the choice of a select field"),
    ),
    s::KEY_HELP,
];

/// "出生日期与身份证号不符（身份证为 1949-12-31）".
pub fn birth_mismatch(lang: Lang, from_id: NaiveDate) -> String {
    match lang {
        Lang::Zh => format!("出生日期与身份证号不符（身份证为 {from_id}）"),
        Lang::En => format!("Birth date differs from the ID number ({from_id})"),
    }
}

/// "性别与身份证号不符（身份证为 女）".
pub fn sex_mismatch(lang: Lang, from_id: &str) -> String {
    match lang {
        Lang::Zh => format!("性别与身份证号不符（身份证为 {from_id}）"),
        Lang::En => format!("Sex differs from the ID number ({from_id})"),
    }
}

/// The grey note after the birth date once a valid ID number is typed: what an empty birth
/// date and sex will be saved as.
pub fn from_id_note(lang: Lang, birth: NaiveDate, sex: &str) -> String {
    match lang {
        Lang::Zh => format!("身份证：{birth} {sex}"),
        Lang::En => format!("ID: {birth} {sex}"),
    }
}

pub fn created_household(lang: Lang, head: &str) -> String {
    match lang {
        Lang::Zh => format!("已建立农户：{head}"),
        Lang::En => format!("Household created: {head}"),
    }
}

pub fn saved_household(lang: Lang, head: &str) -> String {
    match lang {
        Lang::Zh => format!("已保存农户：{head}"),
        Lang::En => format!("Household saved: {head}"),
    }
}

pub fn saved_member(lang: Lang, name: &str) -> String {
    match lang {
        Lang::Zh => format!("已保存家庭成员：{name}"),
        Lang::En => format!("Member saved: {name}"),
    }
}

/// The form title with whose household or member it is: "编辑农户 · 王凯".
pub fn titled(lang: Lang, t: T, who: &str) -> String {
    if who.is_empty() {
        t.get(lang).to_owned()
    } else {
        format!("{} · {who}", t.get(lang))
    }
}

/// "王凯户" / "household of 王凯".
pub fn household_of(lang: Lang, head: &str) -> String {
    match lang {
        Lang::Zh => format!("{head}户"),
        Lang::En => format!("household of {head}"),
    }
}
