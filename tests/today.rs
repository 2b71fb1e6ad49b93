//! The 今日 screen's queries on real SQLite: whose items are "mine", the working days left
//! across 国庆 2026, 回访 still owed, households not visited lately, and the header counts.

mod common;

use chrono::NaiveDate;
use common::*;
use minqing::domain::*;
use minqing::store::today::{NOT_VISITED_DAYS, NotVisited};
use minqing::store::{Page, Store};
use serde_json::json;

/// 2026-09-30 is a Wednesday; 中秋 is Fri 09-25, 国庆 10-01…10-07 are off, and Sat 10-10 is a
/// 调休 working day.
const TODAY: (i32, u32, u32) = (2026, 9, 30);
const MY_NAME: &str = "李秀兰";

fn today() -> NaiveDate {
    d(TODAY.0, TODAY.1, TODAY.2)
}

/// The fixture township, plus "me" (李秀兰) and a colleague; the fixture's own cadre 汪晓艳 and
/// her household 王凯 stay someone else's.
struct Scene {
    store: Store,
    f: Fixture,
    me: CadreId,
    colleague: CadreId,
    /// A household assigned to me, for items that are mine only through it.
    my_household: HouseholdId,
}

fn scene() -> Scene {
    let mut store = Store::open_in_memory().expect("store");
    let f = township(&mut store);
    let me = cadre(&mut store, &f, MY_NAME);
    let colleague = cadre(&mut store, &f, "周建国");
    let my_household = household(&mut store, &f, "陈光荣", Some(me));
    Scene {
        store,
        f,
        me,
        colleague,
        my_household,
    }
}

fn cadre(store: &mut Store, f: &Fixture, name: &str) -> CadreId {
    let id = CadreId::new();
    let c = Cadre {
        township_id: Some(f.township),
        name: name.into(),
        phone: None,
        unit: Some("两河镇人民政府".into()),
        role: "包村干部".into(),
        village_ids: vec![f.village],
    };
    store.write(|w| w.insert(id, &c)).expect("cadre");
    id
}

fn household(store: &mut Store, f: &Fixture, head: &str, cadre: Option<CadreId>) -> HouseholdId {
    let id = HouseholdId::new();
    let h = Household {
        village_id: f.village,
        group_id: Some(f.group),
        head_name: head.into(),
        address: Some(format!("白虎村三组{head}家")),
        phone: None,
        tags: vec!["tuopin".into()],
        cadre_id: cadre,
        note: None,
    };
    store.write(|w| w.insert(id, &h)).expect("household");
    id
}

/// Registers item `number` with deadline `due`; `by` is its 首问责任人.
fn item(
    s: &mut Scene,
    number: &str,
    title: &str,
    household: HouseholdId,
    by: Option<CadreId>,
    due: NaiveDate,
) -> ItemId {
    let id = ItemId::new();
    let mut it = livelihood_item(s.f.village, household, s.f.visit);
    it.number = number.into();
    it.title = title.into();
    it.registered_at = at(2026, 9, 1, 9);
    it.registered_by = by;
    it.deadline = due;
    s.store
        .write(|w| w.register_item(id, ProgressId::new(), &it, by, "周建国"))
        .expect("register");
    id
}

/// Records one progress event at `when`.
fn act(s: &mut Scene, item: ItemId, action: Action, when: chrono::NaiveDateTime) {
    let e = Progress {
        item_id: item,
        action,
        at: when,
        by: None,
        by_name: "镇党政办".into(),
        note: String::new(),
    };
    s.store
        .write(|w| w.add_progress(ProgressId::new(), &e))
        .expect("allowed step");
}

fn assign(person: &str, due: NaiveDate) -> Action {
    Action::Assign {
        unit: Some("镇水务站".into()),
        person: Some(person.into()),
        deadline: due,
    }
}

fn answer() -> Action {
    Action::Answer {
        result: "已协调镇水务站更换管道，恢复供水".into(),
    }
}

fn return_visit(satisfaction: Satisfaction) -> Action {
    Action::ReturnVisit { satisfaction }
}

fn close() -> Action {
    Action::Close {
        reason: Some("群众外出务工联系不上，经村两委确认已解决".into()),
    }
}

fn visit(s: &mut Scene, households: Vec<HouseholdId>, date: NaiveDate) -> VisitId {
    let id = VisitId::new();
    let v = Visit {
        date,
        kind: "household".into(),
        village_id: Some(s.f.village),
        household_ids: households,
        place: None,
        cadre_ids: vec![s.me],
        heard: "入户走访，了解家庭收入和看病报销情况".into(),
        family_situation: None,
        follow_up: None,
        confirmed_by: None,
        confirmed: None,
        recorded_by: Some(s.me),
        recorded_at: date.and_hms_opt(18, 0, 0).expect("time"),
    };
    s.store.write(|w| w.insert(id, &v)).expect("visit");
    id
}

/// (number, working days left) of an urgent row, to compare whole lists at once.
type Urgent = (String, i64);

/// Items around 国庆: six urgent and mine (three ways), five that must not show.
/// Returns the expected (number, working days left) list, most urgent first.
fn urgent_items(s: &mut Scene) -> Vec<Urgent> {
    let (me, other_house, colleague, mine) = (s.me, s.f.household, s.colleague, s.my_household);
    // (09-24, 09-30] = 09-28, 09-29, 09-30 (09-25 中秋, 09-26/27 weekend): 3 overdue.
    item(
        s,
        "两河-2026-0101",
        "白虎村三组路灯不亮",
        other_house,
        Some(me),
        d(2026, 9, 24),
    );
    // Mine through my household: 1 working day overdue.
    item(
        s,
        "两河-2026-0102",
        "陈光荣家危房漏雨",
        mine,
        None,
        d(2026, 9, 29),
    );
    // Mine because it was handed to me by name; the deadline is today: 0 left.
    let by_name = item(
        s,
        "两河-2026-0103",
        "赤石组灌溉渠堵塞",
        other_house,
        Some(colleague),
        d(2026, 12, 31),
    );
    act(
        s,
        by_name,
        assign(MY_NAME, d(2026, 9, 30)),
        at(2026, 9, 2, 10),
    );
    // Due 10-08: 10-01…10-07 are holidays, so 1 working day left; 0099 sorts before 0104.
    item(
        s,
        "两河-2026-0104",
        "低保复核材料补交",
        other_house,
        Some(me),
        d(2026, 10, 8),
    );
    item(
        s,
        "两河-2026-0099",
        "陈光荣家医保报销",
        mine,
        None,
        d(2026, 10, 8),
    );
    // Due 10-09: 10-08, 10-09 = 2 working days left, the last "due soon" day.
    item(
        s,
        "两河-2026-0105",
        "三组便民桥护栏松动",
        mine,
        Some(colleague),
        d(2026, 10, 9),
    );

    // Not listed: Sat 10-10 is a 调休 working day, so 3 left — on track.
    item(
        s,
        "两河-2026-0106",
        "村卫生室缺药",
        other_house,
        Some(me),
        d(2026, 10, 10),
    );
    // Someone else's (colleague registered, 汪晓艳's household, 张伟 responsible).
    let theirs = item(
        s,
        "两河-2026-0107",
        "王凯家院坝积水",
        other_house,
        Some(colleague),
        d(2026, 9, 29),
    );
    act(
        s,
        theirs,
        assign("张伟", d(2026, 9, 29)),
        at(2026, 9, 2, 10),
    );
    // Once handed to me, then reassigned to 张伟: no longer mine.
    let moved = item(
        s,
        "两河-2026-0110",
        "公路边坡落石",
        other_house,
        Some(colleague),
        d(2026, 9, 28),
    );
    act(
        s,
        moved,
        assign(MY_NAME, d(2026, 9, 28)),
        at(2026, 9, 2, 10),
    );
    act(s, moved, assign("张伟", d(2026, 9, 28)), at(2026, 9, 3, 10));
    // Mine but closed.
    let closed = item(
        s,
        "两河-2026-0108",
        "自来水水费争议",
        other_house,
        Some(me),
        d(2026, 9, 28),
    );
    act(s, closed, answer(), at(2026, 9, 10, 15));
    act(s, closed, close(), at(2026, 9, 11, 9));
    // Mine but deleted.
    let gone = item(
        s,
        "两河-2026-0109",
        "重复登记的事项",
        mine,
        Some(me),
        d(2026, 9, 25),
    );
    s.store.write(|w| w.delete::<Item>(gone)).expect("delete");

    [
        ("两河-2026-0101", -3),
        ("两河-2026-0102", -1),
        ("两河-2026-0103", 0),
        ("两河-2026-0099", 1),
        ("两河-2026-0104", 1),
        ("两河-2026-0105", 2),
    ]
    .map(|(n, left)| (n.to_string(), left))
    .to_vec()
}

fn urgent(s: &Scene, page: Page) -> (Vec<Urgent>, bool) {
    let p = s
        .store
        .my_urgent_items(s.me, MY_NAME, today(), page)
        .expect("urgent");
    let rows = p
        .rows
        .iter()
        .map(|u| (u.item.number.clone(), u.working_days_left))
        .collect();
    (rows, p.more)
}

#[test]
fn urgent_items_are_mine_open_and_sorted_by_working_days_left() {
    let mut s = scene();
    let expected = urgent_items(&mut s);
    let (rows, more) = urgent(&s, Page::first(50));
    assert_eq!(rows, expected);
    assert!(!more);
    // The deadline shown is the one in force (交办 moved 0103 from 12-31 to today).
    let p = s
        .store
        .my_urgent_items(s.me, MY_NAME, today(), Page::first(50))
        .expect("urgent");
    assert_eq!(p.rows[2].item.due_date, Some(today()));
    assert_eq!(p.rows[2].item.responsible.as_deref(), Some(MY_NAME));

    // 首问责任人 stays with the registration: the colleague still has 0110 and 0107 (交办 to
    // 张伟), 0103 (交办 to me) and 0105 (on my household).
    let theirs = s
        .store
        .my_urgent_items(s.colleague, "周建国", today(), Page::first(50))
        .expect("colleague");
    let theirs: Vec<_> = theirs.rows.iter().map(|u| u.item.number.as_str()).collect();
    assert_eq!(
        theirs,
        [
            "两河-2026-0110",
            "两河-2026-0107",
            "两河-2026-0103",
            "两河-2026-0105"
        ]
    );
}

#[test]
fn urgent_items_page_in_the_same_order() {
    let mut s = scene();
    let expected = urgent_items(&mut s);
    let (first, more) = urgent(&s, Page::first(4));
    assert_eq!((first.as_slice(), more), (&expected[..4], true));
    let (rest, more) = urgent(
        &s,
        Page {
            offset: 4,
            limit: 4,
        },
    );
    assert_eq!((rest.as_slice(), more), (&expected[4..], false));
}

/// Answered items in several situations; returns the numbers expected on the 回访 list.
fn answered_items(s: &mut Scene) -> Vec<&'static str> {
    let (me, mine, other_house, colleague) = (s.me, s.my_household, s.f.household, s.colleague);
    let far = d(2026, 12, 31);
    let a = item(
        s,
        "两河-2026-0201",
        "二组饮水水压不足",
        other_house,
        Some(me),
        far,
    );
    act(s, a, answer(), at(2026, 9, 10, 15));
    let b = item(s, "两河-2026-0202", "陈光荣家低保续保", mine, None, far);
    act(s, b, answer(), at(2026, 9, 8, 15));
    // 不满意 in the morning reopens it; answered again that afternoon: owed a new 回访, although
    // replied_on and return_visit_on are the same day.
    let again = item(s, "两河-2026-0203", "三组垃圾清运不及时", mine, None, far);
    act(s, again, answer(), at(2026, 9, 15, 15));
    act(
        s,
        again,
        return_visit(Satisfaction::Unsatisfied),
        at(2026, 9, 20, 9),
    );
    act(s, again, answer(), at(2026, 9, 20, 16));
    // Return visit done (满意) but not yet 销号: still `answered`, yet nothing is owed.
    let visited = item(
        s,
        "两河-2026-0204",
        "村道路灯维修",
        other_house,
        Some(me),
        far,
    );
    act(s, visited, answer(), at(2026, 9, 5, 15));
    act(
        s,
        visited,
        return_visit(Satisfaction::Satisfied),
        at(2026, 9, 6, 10),
    );
    // Someone else's answered item.
    let theirs = item(
        s,
        "两河-2026-0205",
        "王凯家宅基地纠纷",
        other_house,
        Some(colleague),
        far,
    );
    act(s, theirs, answer(), at(2026, 9, 1, 15));
    // Mine but closed.
    let closed = item(s, "两河-2026-0206", "一组电费异常", mine, Some(me), far);
    act(s, closed, answer(), at(2026, 9, 2, 15));
    act(s, closed, close(), at(2026, 9, 3, 9));
    // Mine, not answered yet.
    item(
        s,
        "两河-2026-0207",
        "残疾人两项补贴未到账",
        mine,
        Some(me),
        far,
    );

    let state = s.store.item_state(visited).expect("state").expect("exists");
    assert_eq!(
        state.status,
        ItemStatus::Answered,
        "a satisfied 回访 keeps it answered"
    );
    vec!["两河-2026-0202", "两河-2026-0201", "两河-2026-0203"]
}

#[test]
fn awaiting_return_visit_lists_my_answered_items_oldest_answer_first() {
    let mut s = scene();
    let expected = answered_items(&mut s);
    let p = s
        .store
        .awaiting_return_visit(s.me, MY_NAME, Page::first(50))
        .expect("list");
    let got: Vec<_> = p.rows.iter().map(|r| r.number.as_str()).collect();
    assert_eq!(got, expected);
    assert!(p.rows.iter().all(|r| r.status == ItemStatus::Answered));
    assert!(!p.more);

    let first = s
        .store
        .awaiting_return_visit(s.me, MY_NAME, Page::first(1))
        .expect("page");
    assert_eq!(first.rows.len(), 1);
    assert_eq!(first.rows[0].number, "两河-2026-0202");
    assert!(first.more);
}

/// My households in every visiting situation; returns what "not visited in 30 days" shows.
fn households(s: &mut Scene) -> Vec<(HouseholdId, Option<NaiveDate>)> {
    let (me, colleague) = (Some(s.me), Some(s.colleague));
    let mut add = |head: &str, cadre| household(&mut s.store, &s.f, head, cadre);
    let never = add("赵秀英", me);
    let long_ago = add("钱德明", me);
    let recent = add("孙桂兰", me);
    let on_cutoff = add("吴志强", me);
    let deleted_visit = add("郑玉华", me);
    let deleted = add("冯家旺", me);
    // Another cadre's household and an unassigned one, both never visited: never listed.
    add("褚大海", colleague);
    add("卫小红", None);
    // 09-30 − 40 days = 08-21.
    visit(s, vec![long_ago], d(2026, 8, 21));
    // A courtyard-style visit of several households: 孙桂兰's latest is 5 days ago.
    visit(s, vec![recent, long_ago], d(2026, 7, 1));
    visit(s, vec![recent], d(2026, 9, 25));
    // 30 days ago exactly (the cutoff day) still counts as visited.
    visit(s, vec![on_cutoff], d(2026, 8, 31));
    // 郑玉华's recent visit was deleted; the one before is 07-01.
    visit(s, vec![deleted_visit], d(2026, 7, 1));
    let wrong = visit(s, vec![deleted_visit], d(2026, 9, 20));
    s.store
        .write(|w| w.delete::<Visit>(wrong))
        .expect("delete visit");
    s.store
        .write(|w| w.delete::<Household>(deleted))
        .expect("delete household");
    // The fixture's 王凯 (汪晓艳's) never shows. The scene's 陈光荣 is mine and never visited,
    // so it is listed; equal dates sort by head name in code-point order (赵 U+8D75 before
    // 陈 U+9648), as the household list does.
    vec![
        (never, None),
        (s.my_household, None),
        (deleted_visit, Some(d(2026, 7, 1))),
        (long_ago, Some(d(2026, 8, 21))),
    ]
}

fn not_visited(s: &Scene, page: Page) -> (Vec<(HouseholdId, Option<NaiveDate>)>, bool) {
    let p = s
        .store
        .households_not_visited(s.me, today(), NOT_VISITED_DAYS, page)
        .expect("not visited");
    let rows = p
        .rows
        .iter()
        .map(|n: &NotVisited| (n.household.id, n.last_visit))
        .collect();
    (rows, p.more)
}

#[test]
fn households_not_visited_in_30_days_never_visited_first() {
    let mut s = scene();
    let expected = households(&mut s);
    let (rows, more) = not_visited(&s, Page::first(50));
    assert_eq!(rows, expected);
    assert!(!more);
    let p = s
        .store
        .households_not_visited(s.me, today(), 30, Page::first(50))
        .expect("rows");
    assert_eq!(p.rows[1].household.head_name, "陈光荣");
    assert_eq!(p.rows[1].household.village, "白虎村");
    assert_eq!(p.rows[1].household.group.as_deref(), Some("三组"));

    // 91 days back is 07-01, 郑玉华's last visit day: only the never-visited remain.
    // 1 day back is 09-29: 吴志强 (08-31) and 孙桂兰 (09-25) join the list, last.
    let long = s
        .store
        .households_not_visited(s.me, today(), 91, Page::first(50))
        .expect("91");
    assert!(long.rows.iter().all(|n| n.last_visit.is_none()));
    assert_eq!(long.rows.len(), 2);
    let short = s
        .store
        .households_not_visited(s.me, today(), 1, Page::first(50))
        .expect("1");
    let dates: Vec<_> = short.rows.iter().map(|n| n.last_visit).collect();
    assert_eq!(
        dates,
        [
            None,
            None,
            Some(d(2026, 7, 1)),
            Some(d(2026, 8, 21)),
            Some(d(2026, 8, 31)),
            Some(d(2026, 9, 25))
        ]
    );

    let (first, more) = not_visited(&s, Page::first(1));
    assert_eq!((first.as_slice(), more), (&expected[..1], true));
}

#[test]
fn counts_agree_with_the_lists_and_count_conflicts_and_unexported_ops() {
    let mut s = scene();
    urgent_items(&mut s);
    answered_items(&mut s);
    households(&mut s);

    // A second replica edits 王凯's phone while this one does too: one conflict after exchange.
    let mut other = Store::open_in_memory().expect("other");
    let ops = s
        .store
        .ops_after(&other.version_vector().expect("vv"))
        .expect("ops");
    other.apply_remote(&ops).expect("other receives");
    let phone = |p: &str| fields(&[("phone", json!(p))]);
    let h = s.f.household;
    s.store
        .write(|w| w.update::<Household>(h, phone("13811110000")))
        .expect("edit here");
    other
        .write(|w| w.update::<Household>(h, phone("13922220000")))
        .expect("edit there");
    let theirs = other
        .ops_after(&s.store.version_vector().expect("vv"))
        .expect("ops");
    s.store.apply_remote(&theirs).expect("merge");

    let c = s
        .store
        .today_counts(s.me, MY_NAME, today())
        .expect("counts");
    let (urgent_rows, _) = urgent(&s, Page::first(100));
    let overdue = urgent_rows.iter().filter(|(_, left)| *left < 0).count() as u64;
    let awaiting = s
        .store
        .awaiting_return_visit(s.me, MY_NAME, Page::first(100))
        .expect("a");
    let (never, _) = not_visited(&s, Page::first(100));
    assert_eq!(c.overdue, overdue);
    assert_eq!(c.due_soon, urgent_rows.len() as u64 - overdue);
    assert_eq!(c.awaiting_return_visit, awaiting.rows.len() as u64);
    assert_eq!(c.not_visited_30_days, never.len() as u64);
    assert_eq!(
        (
            c.overdue,
            c.due_soon,
            c.awaiting_return_visit,
            c.not_visited_30_days
        ),
        (2, 4, 3, 4)
    );
    assert_eq!(c.conflicts, 1);
    // Only this replica's own operations are waiting for export, not the one merged in.
    let own = s.store.own_op_count().expect("own");
    assert_eq!(c.unexported, own);
    assert_eq!(s.store.stats(today()).expect("stats").ops, own + 1);

    // Someone with nothing: all zero but the database-wide numbers.
    let nobody = s
        .store
        .today_counts(CadreId::new(), "", today())
        .expect("nobody");
    assert_eq!(
        (
            nobody.overdue,
            nobody.due_soon,
            nobody.awaiting_return_visit,
            nobody.not_visited_30_days
        ),
        (0, 0, 0, 0)
    );
    assert_eq!((nobody.conflicts, nobody.unexported), (1, own));
}
