//! Strings of the conflict review, in Chinese and English.

use crate::domain::EntityKind;
use crate::i18n::Lang;
use crate::tui::strings::T;

pub const TITLE: T = T("冲突处理", "Conflicts");
pub const NONE: T = T(
    "没有未解决的冲突。两台设备同时修改同一项时，这里会列出双方的值。",
    "No unresolved conflicts. When two devices change the same field, both values are listed here.",
);
pub const MORE: T = T(
    "（还有更多冲突，处理完这些后显示）",
    "(more conflicts follow once these are resolved)",
);
pub const RECORD: T = T("记录", "Record");
pub const FIELD: T = T("字段", "Field");
pub const VALUES: T = T("各方的值", "Values");
pub const CHOSEN: T = T("← → 选择，Enter 采用", "← → choose, Enter adopt");
pub const SHOWN: T = T("★当前显示", "★shown now");
pub const FROM: T = T("设备 ", "device ");
pub const EMPTY: T = T("（空）", "(empty)");
pub const YES: T = T("是", "yes");
pub const NO: T = T("否", "no");
pub const KEEP_DELETED: T = T(
    "确认删除（放弃对方的修改）",
    "Keep it deleted (drop the edits)",
);
pub const KEEP_RECORD: T = T("保留记录（撤销删除）", "Keep the record (undo the delete)");
pub const DELETE_EDIT: T = T(
    "一方删除了此记录，另一方同时修改了它",
    "One device deleted this record while another changed it",
);
pub const RESOLVED: T = T("已解决冲突：", "Conflict resolved: ");
pub const MERGE_TITLE: T = T("输入合并后的值", "Type the merged value");
pub const MERGED: T = T("合并后的值", "Merged value");
pub const NO_MERGE_DELETE: T = T(
    "删除冲突只能二选一：确认删除或保留记录",
    "A delete conflict is resolved by choosing: keep deleted or keep the record",
);
pub const BAD_JSON: T = T(
    "此字段不是文字，请按原值的格式输入（如 [\"低保\"] 或 3）",
    "This field is not text: type it like the values shown (e.g. [\"dibao\"] or 3)",
);
pub const HINT: T = T(
    "↑↓ 选冲突  ←→ 选值  Enter 采用  e 合并输入  Esc 返回  ? 帮助",
    "↑↓ conflict  ←→ value  Enter adopt  e merge  Esc back  ? help",
);
pub const HINT_MERGE: T = T(
    "输入合并后的值   Ctrl+S 保存   Esc 取消",
    "Type the merged value   Ctrl+S save   Esc cancel",
);
pub const KEYS: &[(&str, T)] = &[
    ("↑ ↓  k j", T("选择冲突", "choose a conflict")),
    ("← →  h l", T("选择其中一个值", "choose one of the values")),
    (
        "Enter",
        T(
            "采用所选值，冲突随即解决",
            "adopt the chosen value; resolves it",
        ),
    ),
    (
        "e",
        T(
            "输入合并后的值（Ctrl+S 保存）",
            "type a merged value (Ctrl+S saves)",
        ),
    ),
    ("Esc", T("返回", "back")),
    ("?", T("显示 / 关闭本帮助", "show / hide this help")),
];

/// The kind of a record, as a word before its name.
pub fn entity_label(kind: EntityKind) -> T {
    match kind {
        EntityKind::Township => T("乡镇", "Township"),
        EntityKind::Village => T("村", "Village"),
        EntityKind::Group => T("村民小组", "Group"),
        EntityKind::Cadre => T("干部", "Cadre"),
        EntityKind::Household => T("农户", "Household"),
        EntityKind::Person => T("家庭成员", "Member"),
        EntityKind::Visit => T("走访", "Visit"),
        EntityKind::Item => T("事项", "Item"),
        EntityKind::Progress => T("办理记录", "Progress"),
    }
}

/// A field's name as users know it; unknown fields show their stored name.
pub fn field_label(field: &str, lang: Lang) -> String {
    let t = match field {
        "deleted" => T("删除 / 修改", "delete / edit"),
        "name" => T("姓名", "name"),
        "head_name" => T("户主", "head of household"),
        "phone" => T("电话", "phone"),
        "address" => T("住址", "address"),
        "note" => T("备注", "note"),
        "tags" => T("标签", "tags"),
        "cadre_id" => T("包联干部", "assigned cadre"),
        "group_id" => T("村民小组", "group"),
        "relation" => T("与户主关系", "relation"),
        "id_number" => T("身份证号", "ID number"),
        "birth_date" => T("出生日期", "birth date"),
        "health" => T("健康状况", "health"),
        "title" => T("标题", "title"),
        "content" => T("内容", "content"),
        "category" => T("类别", "category"),
        "reporter" => T("反映人", "reporter"),
        "reporter_phone" => T("反映人电话", "reporter phone"),
        "measures" => T("解决措施", "measures"),
        "number" => T("编号", "number"),
        _ => return field.to_owned(),
    };
    t.get(lang).to_owned()
}
