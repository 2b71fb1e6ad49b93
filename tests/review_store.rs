//! The review queue's queries on real SQLite: exactly the answered items, oldest answer first,
//! each with the return visit made since its latest answer; and the audit list of items closed
//! by override, told apart from satisfied closes, optional reasons and deferred items' 合理答复.

mod common;

use chrono::NaiveDate;
use common::*;
use minqing::domain::*;
use minqing::store::review::ReturnVisit;
use minqing::store::{Page, Store};

fn today() -> NaiveDate {
    d(2026, 3, 20)
}

fn item(store: &mut Store, f: &Fixture, number: &str, title: &str) -> ItemId {
    let id = ItemId::new();
    let mut it = livelihood_item(f.village, f.household, f.visit);
    it.number = number.into();
    it.title = title.into();
    store
        .write(|w| w.register_item(id, ProgressId::new(), &it, Some(f.cadre), "汪晓艳"))
        .expect("register");
    id
}

fn assign() -> Action {
    Action::Assign {
        unit: Some("镇水务站".into()),
        person: Some("李强".into()),
        deadline: d(2026, 3, 16),
    }
}

fn answer(result: &str) -> Action {
    Action::Answer {
        result: result.into(),
    }
}

fn rv(s: Satisfaction) -> Action {
    Action::ReturnVisit { satisfaction: s }
}

fn close(reason: Option<&str>) -> Action {
    Action::Close {
        reason: reason.map(str::to_owned),
    }
}

/// Registered, assigned to 李强 and answered on day `day` at 10:00.
fn answered(store: &mut Store, f: &Fixture, number: &str, title: &str, day: u32) -> ItemId {
    let id = item(store, f, number, title);
    act(store, id, assign(), at(2026, 3, 3, 9), "镇党政办", "");
    act(
        store,
        id,
        answer("已处理"),
        at(2026, 3, day, 10),
        "李强",
        "",
    );
    id
}

struct Scene {
    store: Store,
    /// Answered on the 5th, no return visit yet.
    waiting: ItemId,
    /// Answered on the 3rd, 满意 return visit by 张敏 on the 4th.
    visited: ItemId,
    /// 不满意 after a first answer, answered again on the 6th: owes a new return visit.
    answered_again: ItemId,
    /// Closed without a return visit, on a reason.
    overridden: ItemId,
    /// 不满意, answered again, closed on a reason: an override too.
    overridden_after_reopen: ItemId,
}

fn scene() -> Scene {
    let mut store = Store::open_in_memory().expect("store");
    let f = township(&mut store);
    let s = &mut store;
    // The fixture's own item stays 已挂号: not in either list.
    let waiting = answered(s, &f, "两河-2026-0002", "村道塌方", 5);
    let visited = answered(s, &f, "两河-2026-0003", "路灯不亮", 3);
    act(
        s,
        visited,
        rv(Satisfaction::Satisfied),
        at(2026, 3, 4, 15),
        "张敏",
        "电话回访，群众表示认可",
    );
    let answered_again = answered(s, &f, "两河-2026-0004", "低保复核", 2);
    act(
        s,
        answered_again,
        rv(Satisfaction::Unsatisfied),
        at(2026, 3, 3, 9),
        "张敏",
        "群众不认可",
    );
    act(
        s,
        answered_again,
        answer("重新核算后补发"),
        at(2026, 3, 6, 11),
        "李强",
        "",
    );

    // Closed after a 基本满意 return visit: not an override.
    let closed = answered(s, &f, "两河-2026-0005", "饮水管道", 4);
    act(
        s,
        closed,
        rv(Satisfaction::Basically),
        at(2026, 3, 5, 9),
        "张敏",
        "",
    );
    act(s, closed, close(None), at(2026, 3, 6, 9), "镇党政办", "");
    // Closed after a satisfied return visit with an optional reason: not an override either.
    let with_note = answered(s, &f, "两河-2026-0006", "垃圾清运", 4);
    act(
        s,
        with_note,
        rv(Satisfaction::Satisfied),
        at(2026, 3, 5, 9),
        "张敏",
        "",
    );
    act(
        s,
        with_note,
        close(Some("群众满意")),
        at(2026, 3, 6, 10),
        "镇党政办",
        "",
    );
    // Visited the afternoon of the day it was answered (dates cannot order the two), then
    // closed with a note: not an override.
    let same_day = answered(s, &f, "两河-2026-0012", "水渠清淤", 4);
    act(
        s,
        same_day,
        rv(Satisfaction::Satisfied),
        at(2026, 3, 4, 16),
        "张敏",
        "",
    );
    act(
        s,
        same_day,
        close(Some("现场查看已清淤")),
        at(2026, 3, 7, 9),
        "镇党政办",
        "",
    );
    // A deferred item closed on its 合理答复: not an override.
    let deferred = item(s, &f, "两河-2026-0007", "宅基地审批");
    let defer = Action::Defer {
        reason: "须待国土空间规划批复".into(),
    };
    act(s, deferred, defer, at(2026, 3, 3, 9), "李强", "");
    act(
        s,
        deferred,
        close(Some("已作合理答复")),
        at(2026, 3, 9, 9),
        "镇党政办",
        "",
    );

    let overridden = answered(s, &f, "两河-2026-0008", "危房改造", 4);
    let reason = "群众外出务工联系不上，经村组干部现场核实问题已解决";
    act(
        s,
        overridden,
        close(Some(reason)),
        at(2026, 3, 10, 14),
        "王书记",
        "已电话告知村委会",
    );
    let overridden_after_reopen = answered(s, &f, "两河-2026-0009", "医保报销", 2);
    act(
        s,
        overridden_after_reopen,
        rv(Satisfaction::Satisfied),
        at(2026, 3, 3, 9),
        "张敏",
        "",
    );
    act(
        s,
        overridden_after_reopen,
        Action::Reopen {
            reason: Some("复查未办好".into()),
        },
        at(2026, 3, 4, 9),
        "镇党政办",
        "",
    );
    act(
        s,
        overridden_after_reopen,
        answer("已补报"),
        at(2026, 3, 6, 9),
        "李强",
        "",
    );
    act(
        s,
        overridden_after_reopen,
        close(Some("县医保局已确认")),
        at(2026, 3, 12, 9),
        "镇党政办",
        "",
    );
    // Closed by override, then reopened: no longer closed, so no longer listed.
    let reopened = answered(s, &f, "两河-2026-0010", "道路硬化", 4);
    act(
        s,
        reopened,
        close(Some("已核实")),
        at(2026, 3, 6, 9),
        "镇党政办",
        "",
    );
    act(
        s,
        reopened,
        Action::Reopen {
            reason: Some("群众再次反映".into()),
        },
        at(2026, 3, 8, 9),
        "镇党政办",
        "",
    );
    // An answered item that was deleted: not listed.
    let deleted = answered(s, &f, "两河-2026-0011", "已删除的事项", 1);
    s.write(|w| w.delete::<Item>(deleted)).expect("delete");

    Scene {
        store,
        waiting,
        visited,
        answered_again,
        overridden,
        overridden_after_reopen,
    }
}

#[test]
fn the_queue_lists_exactly_the_answered_items_oldest_answer_first() {
    let s = scene();
    let c = s
        .store
        .review_queue(today(), Page::first(10))
        .expect("queue");
    assert_eq!(c.total, 3);
    let q = c.page;
    assert!(!q.more);
    let ids: Vec<ItemId> = q.rows.iter().map(|r| r.item.id).collect();
    // Answered on the 3rd, 5th and 6th.
    assert_eq!(ids, vec![s.visited, s.waiting, s.answered_again]);
    assert_eq!(s.store.review_count().expect("count"), 3);

    let visited = &q.rows[0];
    assert_eq!(visited.answered_on, Some(d(2026, 3, 3)));
    assert_eq!(visited.days_waiting, 17, "3rd to 20th March");
    assert_eq!(visited.result.as_deref(), Some("已处理"));
    assert_eq!(visited.item.responsible.as_deref(), Some("李强"));
    assert_eq!(visited.item.village.as_deref(), Some("白虎村"));
    assert_eq!(
        visited.return_visit,
        Some(ReturnVisit {
            satisfaction: Satisfaction::Satisfied,
            at: at(2026, 3, 4, 15),
            by: "张敏".into(),
            note: "电话回访，群众表示认可".into(),
        })
    );
    assert_eq!(q.rows[1].return_visit, None);
    assert_eq!(q.rows[1].days_waiting, 15);
    // Its 不满意 return visit belonged to the first answer: the new one is not visited yet.
    assert_eq!(q.rows[2].return_visit, None);
    assert_eq!(q.rows[2].result.as_deref(), Some("重新核算后补发"));
    assert_eq!(q.rows[2].answered_on, Some(d(2026, 3, 6)));
}

#[test]
fn the_queue_pages() {
    let s = scene();
    let first = s
        .store
        .review_queue(today(), Page::first(2))
        .expect("page 1");
    assert_eq!(first.total, 3, "the whole queue, not the page");
    let first = first.page;
    assert!(first.more);
    let rest = s
        .store
        .review_queue(
            today(),
            Page {
                offset: 2,
                limit: 2,
            },
        )
        .expect("page 2");
    assert_eq!(rest.total, 3);
    let rest = rest.page;
    assert!(!rest.more);
    let ids: Vec<ItemId> = first
        .rows
        .iter()
        .chain(&rest.rows)
        .map(|r| r.item.id)
        .collect();
    assert_eq!(ids, vec![s.visited, s.waiting, s.answered_again]);
}

#[test]
fn the_audit_lists_exactly_the_items_closed_by_override_latest_first() {
    let s = scene();
    let c = s.store.override_closes(Page::first(10)).expect("audit");
    assert_eq!(c.total, 2);
    let a = c.page;
    let ids: Vec<ItemId> = a.rows.iter().map(|r| r.item.id).collect();
    assert_eq!(ids, vec![s.overridden_after_reopen, s.overridden]);
    let o = &a.rows[1];
    assert_eq!(o.closed_at, at(2026, 3, 10, 14));
    assert_eq!(o.closed_by, "王书记");
    assert_eq!(
        o.reason,
        "群众外出务工联系不上，经村组干部现场核实问题已解决"
    );
    assert_eq!(o.note, "已电话告知村委会");
    assert_eq!(o.item.status, ItemStatus::Closed);
    assert_eq!(a.rows[0].reason, "县医保局已确认");

    let first = s.store.override_closes(Page::first(1)).expect("page");
    assert_eq!(first.total, 2);
    assert!(first.page.more);
    assert_eq!(first.page.rows[0].item.id, s.overridden_after_reopen);
}

#[test]
fn a_closed_item_leaves_the_queue_and_an_override_joins_the_audit() {
    let mut s = scene();
    let reason = "群众已搬迁，村委会书面确认道路已修复";
    act(
        &mut s.store,
        s.waiting,
        close(Some(reason)),
        at(2026, 3, 20, 9),
        "镇党政办",
        "",
    );
    act(
        &mut s.store,
        s.visited,
        close(None),
        at(2026, 3, 20, 10),
        "镇党政办",
        "",
    );
    let q = s
        .store
        .review_queue(today(), Page::first(10))
        .expect("queue")
        .page;
    let ids: Vec<ItemId> = q.rows.iter().map(|r| r.item.id).collect();
    assert_eq!(ids, vec![s.answered_again]);
    let a = s
        .store
        .override_closes(Page::first(10))
        .expect("audit")
        .page;
    let ids: Vec<ItemId> = a.rows.iter().map(|r| r.item.id).collect();
    assert_eq!(
        ids,
        vec![s.waiting, s.overridden_after_reopen, s.overridden]
    );
    assert_eq!(a.rows[0].reason, reason);
}
