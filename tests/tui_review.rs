//! The review queue (核验) driven through `App` with real key presses: `r` on the office's 今日
//! opens it; it lists exactly the answered items with their return visits; 销号 after a
//! satisfied return visit, an override close that needs a reason and then shows in the audit
//! list, 重办 with a required reason, 上报 raising the level, refusals that change nothing; a
//! cadre sees it read-only; and a send-back that reaches the cadre's laptop through real
//! bundles. Snapshots of both lists at 80×24 and 120×40 on the demo township.

mod common;

use common::device::{init_device, minqing_ok};

use std::path::{Path, PathBuf};

use chrono::NaiveDateTime;
use common::tui::{demo_store, render, today};
use common::{Fixture, act, at, d, exchange, livelihood_item, township};
use crossterm::event::KeyCode;
use minqing::domain::card::Card;
use minqing::domain::*;
use minqing::i18n::Lang;
use minqing::store::{Identity, Page, Store};
use minqing::sync::cards::own_card;
use minqing::sync::export::{ExportRequest, export};
use minqing::sync::import::import;
use minqing::sync::keys::{DeviceKeys, key_path};
use minqing::tui::layer::Ctx;
use minqing::tui::open::{self, Target};
use minqing::tui::screens::review_strings as rs;
use minqing::tui::{Action as UiAction, App};

const OFFICE: &str = "两河镇党政办";

fn app(store: Store, w: u16, h: u16) -> App {
    let mut app = App::new(store, Lang::Zh, today());
    app.update(UiAction::Resize {
        width: w,
        height: h,
    });
    app
}

fn screen(app: &App) -> String {
    render(app, app.size.0, app.size.1)
}

/// What the event loop does after a key: draw a frame, then run the work it announced (the
/// review layer reads its audit list then).
fn settle(app: &mut App) {
    screen(app);
    while app.work() {}
}

fn key(app: &mut App, code: KeyCode) {
    common::tui::key(app, code);
    settle(app);
}

fn ctrl(app: &mut App, c: char) {
    common::tui::ctrl(app, c);
    settle(app);
}

fn type_text(app: &mut App, text: &str) {
    common::tui::type_text(app, text);
    settle(app);
}

fn hint(app: &App) -> &'static str {
    app.top().map(|l| l.hint().0).unwrap_or("")
}

fn identity(f: &Fixture, role: &str, name: &str) -> Identity {
    Identity {
        role: role.into(),
        name: name.into(),
        township_id: f.township,
        cadre_id: CadreId::new(),
        created_at: "2026-11-01T08:00:00".into(),
    }
}

/// An item registered on 11-02 with deadline 11-16, assigned to 李强, answered on `answered`.
fn answered(
    store: &mut Store,
    f: &Fixture,
    number: &str,
    title: &str,
    level: Level,
    answered: NaiveDateTime,
) -> ItemId {
    let id = ItemId::new();
    let mut it = livelihood_item(f.village, f.household, f.visit);
    it.number = number.into();
    it.title = title.into();
    it.level = level;
    it.registered_at = at(2026, 11, 2, 9);
    it.deadline = d(2026, 11, 16);
    store
        .write(|w| w.register_item(id, ProgressId::new(), &it, Some(f.cadre), "汪晓艳"))
        .expect("register");
    let assign = Action::Assign {
        unit: Some("镇水务站".into()),
        person: Some("李强".into()),
        deadline: d(2026, 11, 16),
    };
    act(store, id, assign, at(2026, 11, 3, 9), OFFICE, "");
    let result = Action::Answer {
        result: format!("{title}：已处理完毕"),
    };
    act(store, id, result, answered, "李强", "");
    id
}

struct Scene {
    store: Store,
    /// Answered 11-12, 满意 return visit 11-13 by 张敏.
    visited: ItemId,
    /// Answered 11-17, no return visit.
    waiting: ItemId,
    /// A county-level item answered 11-20: nowhere higher to escalate to.
    county: ItemId,
    /// Closed on 11-18 without a return visit.
    overridden: ItemId,
}

/// The fixture township on a device of `role`: three answered items, one closed by override.
fn scene(role: &str) -> Scene {
    let mut store = Store::open_in_memory().expect("store");
    let f = township(&mut store);
    store
        .set_identity(&identity(&f, role, OFFICE))
        .expect("identity");
    let s = &mut store;
    let waiting = answered(
        s,
        &f,
        "两河-2026-0002",
        "村道塌方",
        Level::Village,
        at(2026, 11, 17, 10),
    );
    let visited = answered(
        s,
        &f,
        "两河-2026-0003",
        "路灯不亮",
        Level::Village,
        at(2026, 11, 12, 10),
    );
    let rv = Action::ReturnVisit {
        satisfaction: Satisfaction::Satisfied,
    };
    act(
        s,
        visited,
        rv,
        at(2026, 11, 13, 15),
        "张敏",
        "电话回访，群众表示认可",
    );
    let county = answered(
        s,
        &f,
        "两河-2026-0005",
        "征地补偿",
        Level::County,
        at(2026, 11, 20, 10),
    );
    let overridden = answered(
        s,
        &f,
        "两河-2026-0004",
        "危房改造",
        Level::Village,
        at(2026, 11, 10, 10),
    );
    let close = Action::Close {
        reason: Some("户主外出务工联系不上，村委会核实已解决".into()),
    };
    act(s, overridden, close, at(2026, 11, 18, 14), OFFICE, "");
    Scene {
        store,
        visited,
        waiting,
        county,
        overridden,
    }
}

/// The app on the office's scene with the review queue open (by `r` on 今日).
fn queue(w: u16, h: u16) -> (App, Scene) {
    let mut s = scene("office");
    let store = std::mem::replace(&mut s.store, Store::open_in_memory().expect("store"));
    let mut app = app(store, w, h);
    key(&mut app, KeyCode::Char('r'));
    assert_eq!(hint(&app), rs::HINT.0, "r on 今日 opens the review queue");
    (app, s)
}

fn state(app: &App, id: ItemId) -> ItemState {
    app.store().item_state(id).expect("state").expect("item")
}

fn events(app: &App, id: ItemId) -> Vec<Progress> {
    app.store().progress_of(id).expect("events")
}

/// The list lines of the screen that hold an item number, in screen order.
fn numbers(screen: &str) -> Vec<String> {
    screen
        .lines()
        .filter_map(|l| l.split_whitespace().find(|w| w.starts_with("两河-2026-")))
        .map(str::to_owned)
        .collect()
}

#[test]
fn todays_r_opens_the_queue_of_the_answered_items_with_their_return_visits() {
    let mut s = scene("office");
    let store = std::mem::replace(&mut s.store, Store::open_in_memory().expect("store"));
    let mut app = app(store, 120, 40);
    assert!(
        screen(&app).contains("待核验 3 件（r 查看）"),
        "{}",
        screen(&app)
    );
    key(&mut app, KeyCode::Char('r'));
    let shown = screen(&app);
    assert!(
        shown.contains("待核验 3 件") && shown.contains("强制销号 1 件"),
        "{shown}"
    );
    // Oldest answer first: 11-12, 11-17, 11-20; the override-closed item is not here.
    assert_eq!(
        numbers(&shown),
        ["两河-2026-0003", "两河-2026-0002", "两河-2026-0005"]
    );
    let row = |n: &str| {
        shown
            .lines()
            .find(|l| l.contains(n))
            .expect("row")
            .to_owned()
    };
    // 12 days since 11-12, 满意 on 11-13 recorded by 张敏; the others are not visited yet.
    let visited = row("两河-2026-0003");
    assert!(
        visited.contains("路灯不亮") && visited.contains("白虎村"),
        "{visited}"
    );
    assert!(
        visited.contains("李强") && visited.contains("2026-11-12"),
        "{visited}"
    );
    assert!(
        visited.contains("12天") && visited.contains("满意 11-13 张敏"),
        "{visited}"
    );
    let waiting = row("两河-2026-0002");
    assert!(
        waiting.contains("7天") && waiting.contains("待回访"),
        "{waiting}"
    );
    assert!(row("两河-2026-0005").contains("4天"));
    // Under the list: the selected item's result and return visit.
    assert!(shown.contains("办理结果：路灯不亮：已处理完毕"), "{shown}");
    assert!(
        shown.contains("回访：满意 · 2026-11-13 15:00 · 张敏 · 电话回访，群众表示认可"),
        "{shown}"
    );
    key(&mut app, KeyCode::Down);
    assert!(screen(&app).contains("回访：尚未回访。销号须先回访群众满意"));

    // Tab: the audit list, with who closed the item, when and why.
    key(&mut app, KeyCode::Tab);
    let audit = screen(&app);
    assert_eq!(numbers(&audit), ["两河-2026-0004"]);
    let row = audit
        .lines()
        .find(|l| l.contains("两河-2026-0004"))
        .expect("row");
    assert!(
        row.contains("2026-11-18 14:00") && row.contains(OFFICE),
        "{row}"
    );
    assert!(
        audit.contains("销号理由：户主外出务工联系不上，村委会核实已解决"),
        "{audit}"
    );

    // Enter opens the item's detail; Esc comes back to the list.
    key(&mut app, KeyCode::Enter);
    assert!(screen(&app).contains("危房改造") && hint(&app) != rs::HINT.0);
    key(&mut app, KeyCode::Esc);
    assert_eq!(hint(&app), rs::HINT.0);
    assert_eq!(numbers(&screen(&app)), ["两河-2026-0004"]);
}

#[test]
fn closing_after_a_satisfied_return_visit_takes_it_off_the_queue() {
    let (mut app, s) = queue(80, 24);
    // The first row is the visited item: the close form needs no reason.
    key(&mut app, KeyCode::Char('x'));
    assert!(
        screen(&app).contains("已回访满意，可不填"),
        "{}",
        screen(&app)
    );
    ctrl(&mut app, 's');
    assert_eq!(state(&app, s.visited).status, ItemStatus::Closed);
    assert_eq!(app.status.as_deref(), Some("已销号"));
    let shown = screen(&app);
    assert_eq!(hint(&app), rs::HINT.0, "back on the queue");
    assert_eq!(numbers(&shown), ["两河-2026-0002", "两河-2026-0005"]);
    assert!(
        shown.contains("待核验 2 件") && shown.contains("强制销号 1 件"),
        "{shown}"
    );
    // Leaving the queue refreshes 今日's count.
    key(&mut app, KeyCode::Esc);
    assert!(screen(&app).contains("待核验 2 件（r 查看）"));
}

#[test]
fn closing_without_a_return_visit_is_refused_until_a_reason_is_given_then_audited() {
    let (mut app, s) = queue(80, 24);
    key(&mut app, KeyCode::Down);
    let before = events(&app, s.waiting);
    key(&mut app, KeyCode::Char('x'));
    ctrl(&mut app, 's');
    let shown = screen(&app);
    assert!(
        shown.contains("销号前需回访且群众满意或基本满意；否则请填写销号理由"),
        "{shown}"
    );
    assert_ne!(hint(&app), rs::HINT.0, "the form stays open");
    assert_eq!(state(&app, s.waiting).status, ItemStatus::Answered);
    assert_eq!(events(&app, s.waiting), before, "nothing written");

    let reason = "群众已搬迁，村委会书面确认道路已修复";
    type_text(&mut app, reason);
    ctrl(&mut app, 's');
    assert_eq!(state(&app, s.waiting).status, ItemStatus::Closed);
    match &events(&app, s.waiting).last().expect("event").action {
        Action::Close { reason: r } => assert_eq!(r.as_deref(), Some(reason)),
        other => panic!("not a close: {other:?}"),
    }
    key(&mut app, KeyCode::Tab);
    let audit = screen(&app);
    assert!(audit.contains("强制销号 2 件"), "{audit}");
    // The latest close first: today's, by this device's user.
    assert_eq!(numbers(&audit), ["两河-2026-0002", "两河-2026-0004"]);
    let row = audit
        .lines()
        .find(|l| l.contains("两河-2026-0002"))
        .expect("row");
    assert!(row.contains("2026-11-24") && row.contains(OFFICE), "{row}");
    assert!(audit.contains(&format!("销号理由：{reason}")), "{audit}");
}

#[test]
fn sending_back_needs_a_reason_and_reopens_the_item_with_it_in_the_timeline() {
    let (mut app, s) = queue(80, 24);
    key(&mut app, KeyCode::Down);
    key(&mut app, KeyCode::Char('o'));
    ctrl(&mut app, 's');
    assert!(screen(&app).contains("此项必填"), "{}", screen(&app));
    assert_eq!(state(&app, s.waiting).status, ItemStatus::Answered);

    let reason = "塌方段只清理了一半，请组织人员继续清运并设置警示标志";
    type_text(&mut app, reason);
    ctrl(&mut app, 's');
    assert_eq!(app.status.as_deref(), Some("已重办"));
    assert_eq!(state(&app, s.waiting).status, ItemStatus::Reopened);
    let last = events(&app, s.waiting).pop().expect("event");
    assert_eq!(last.by_name, OFFICE);
    assert_eq!(
        last.action,
        Action::Reopen {
            reason: Some(reason.into())
        }
    );
    assert_eq!(numbers(&screen(&app)), ["两河-2026-0003", "两河-2026-0005"]);
    // The item's timeline shows the reason.
    key(&mut app, KeyCode::Esc);
    app.open(Target::Item(s.waiting));
    let detail = screen(&app);
    assert!(
        detail.contains("重办") && detail.contains("理由：塌方段只清理了一半"),
        "{detail}"
    );
}

#[test]
fn escalating_raises_the_level_and_the_top_level_is_refused() {
    let (mut app, s) = queue(80, 24);
    // The county item (last row): nowhere higher; nothing opens, nothing changes.
    key(&mut app, KeyCode::End);
    key(&mut app, KeyCode::Char('u'));
    assert_eq!(hint(&app), rs::HINT.0);
    assert!(
        screen(&app).contains("上报须提高层级(村→镇→县)"),
        "{}",
        screen(&app)
    );
    assert_eq!(state(&app, s.county).status, ItemStatus::Answered);

    key(&mut app, KeyCode::Home);
    key(&mut app, KeyCode::Down);
    key(&mut app, KeyCode::Char('u'));
    // The first level above 村 is offered: 镇.
    type_text(&mut app, "涉及跨村道路，村级无力处理");
    ctrl(&mut app, 's');
    let st = state(&app, s.waiting);
    assert_eq!(st.status, ItemStatus::Escalated);
    assert_eq!(st.level, Level::Township);
    assert_eq!(app.status.as_deref(), Some("已上报"));
    assert_eq!(numbers(&screen(&app)), ["两河-2026-0003", "两河-2026-0005"]);
}

#[test]
fn an_action_the_workflow_refuses_says_why_and_changes_nothing() {
    let (mut app, s) = queue(80, 24);
    key(&mut app, KeyCode::Tab);
    let before = events(&app, s.overridden);
    key(&mut app, KeyCode::Char('x'));
    assert_eq!(hint(&app), rs::HINT.0, "no form opened");
    assert!(
        screen(&app).contains("当前状态“已销号”下不能销号"),
        "{}",
        screen(&app)
    );
    assert_eq!(events(&app, s.overridden), before);
}

#[test]
fn a_cadre_sees_the_queue_read_only() {
    let mut s = scene("cadre");
    let store = std::mem::replace(&mut s.store, Store::open_in_memory().expect("store"));
    let mut app = app(store, 80, 24);
    assert!(
        !screen(&app).contains("待核验"),
        "no count on a cadre's 今日"
    );
    key(&mut app, KeyCode::Char('r'));
    assert!(app.top().is_none(), "r reloads 今日 for a cadre");
    app.open(Target::Review);
    assert_eq!(hint(&app), rs::HINT_READ_ONLY.0);
    assert!(screen(&app).contains("只读：核验、销号由镇党政办或县里办理"));
    key(&mut app, KeyCode::Char('x'));
    assert_eq!(hint(&app), rs::HINT_READ_ONLY.0, "no form opened");
    assert_eq!(state(&app, s.visited).status, ItemStatus::Answered);
}

// ---- The send-back reaches the cadre ---------------------------------------------------------

/// A device set up by the real binary (`init`, `peer add`).
struct Device {
    db: PathBuf,
    card: Card,
}

impl Device {
    fn new(dir: &Path, folder: &str, role: &str, name: &str, villages: &[&str]) -> Device {
        let db = init_device(dir, folder, role, name, villages);
        let store = Store::open(&db).expect("open");
        let card = own_card(&store, &keys(&db)).expect("card");
        Device { db, card }
    }

    fn trust(&self, other: &Device) {
        let path = self.db.with_file_name(format!("{}.card", other.card.name));
        std::fs::write(&path, serde_json::to_vec(&other.card).expect("json")).expect("card");
        minqing_ok(&self.db, &["peer", "add", path.to_str().expect("utf-8")]);
    }

    /// A bundle for `to`, written by the library as the 同步 tab does, into `dir`.
    fn export_to(&self, store: &Store, to: &Device, dir: &Path) -> PathBuf {
        let peer = store.peer(&to.card.id()).expect("peer").expect("trusted");
        let req = ExportRequest {
            to: &[peer],
            full: false,
            villages: &[],
            out: dir,
        };
        export(store, &keys(&self.db), &self.card, &req)
            .expect("export")
            .path
    }

    fn import(&self, store: &mut Store, file: &Path) {
        import(store, &keys(&self.db), file, false).expect("import");
    }
}

fn keys(db: &Path) -> DeviceKeys {
    DeviceKeys::load(&key_path(db)).expect("keys")
}

#[test]
fn a_send_back_reaches_the_cadre_in_the_next_bundle() {
    let dir = tempfile::tempdir().expect("dir");
    let cadre = Device::new(dir.path(), "cadre", "cadre", "汪晓艳", &["白虎村"]);
    let office = Device::new(dir.path(), "office", "office", OFFICE, &[]);
    cadre.trust(&office);
    office.trust(&cadre);
    let stick = dir.path().join("stick");
    std::fs::create_dir_all(&stick).expect("stick");

    // On the cadre's laptop: an item registered on 11-10 (deadline 11-24), answered on 11-20.
    let mut c = Store::open(&cadre.db).expect("open");
    let me = c.identity().expect("identity").expect("init");
    let village = c.villages().expect("villages")[0].0;
    let id = ItemId::new();
    let mut it = livelihood_item(village, HouseholdId::new(), VisitId::new());
    it.household_id = None;
    it.source_visit_id = None;
    it.registered_at = at(2026, 11, 10, 9);
    it.registered_by = Some(me.cadre_id);
    it.deadline = d(2026, 11, 24);
    c.write(|w| w.register_item(id, ProgressId::new(), &it, Some(me.cadre_id), &me.name))
        .expect("register");
    let result = Action::Answer {
        result: "已联系水务站更换管道，恢复供水".into(),
    };
    act(&mut c, id, result, at(2026, 11, 20, 16), &me.name, "");
    let bundle = cadre.export_to(&c, &office, &stick);

    // The office imports it and sends the item back from its review queue.
    let mut o = Store::open(&office.db).expect("open");
    office.import(&mut o, &bundle);
    let mut at_office = app(o, 80, 24);
    key(&mut at_office, KeyCode::Char('r'));
    assert_eq!(numbers(&screen(&at_office)), ["两河-2026-0001"]);
    key(&mut at_office, KeyCode::Char('o'));
    let reason = "回访时群众反映仍有三户未通水，请逐户核实后重新办结";
    type_text(&mut at_office, reason);
    ctrl(&mut at_office, 's');
    assert_eq!(state(&at_office, id).status, ItemStatus::Reopened);
    let back = office.export_to(at_office.store(), &cadre, &stick);
    drop(at_office);

    // The cadre imports the office's bundle: 重办, the office's reason, and on 今日.
    cadre.import(&mut c, &back);
    let st = c.item_state(id).expect("state").expect("item");
    assert_eq!(st.status, ItemStatus::Reopened);
    let last = c.progress_of(id).expect("events").pop().expect("event");
    assert_eq!(last.by_name, OFFICE);
    assert_eq!(
        last.action,
        Action::Reopen {
            reason: Some(reason.into())
        }
    );
    let urgent = c
        .my_urgent_items(me.cadre_id, &me.name, today(), Page::first(10))
        .expect("urgent");
    let ids: Vec<ItemId> = urgent.rows.iter().map(|u| u.item.id).collect();
    assert_eq!(ids, vec![id]);
    let today_screen = screen(&app(c, 80, 24));
    let line = today_screen
        .lines()
        .find(|l| l.contains("两河-2026-0001"))
        .expect("on 今日");
    assert!(line.contains("今日到期"), "{line}");
}

// ---- Snapshots on the demo township ----------------------------------------------------------

/// The demo township as the office holds it: the cadre's demo database merged into an office
/// device.
fn office_demo() -> Store {
    let mut cadre = demo_store(300);
    let township = cadre.townships().expect("townships")[0].0;
    let mut office = Store::open_in_memory().expect("store");
    office
        .set_identity(&Identity {
            role: "office".into(),
            name: OFFICE.into(),
            township_id: township,
            cadre_id: CadreId::new(),
            created_at: "2026-11-01T08:00:00".into(),
        })
        .expect("identity");
    exchange(&mut cadre, &mut office);
    office
}

#[test]
fn snapshots_of_the_queue_and_the_audit_list() {
    let mut store = office_demo();
    assert!(
        store.review_count().expect("count") > 5,
        "the demo has answered items"
    );
    // The office phones the resident of the second item in the queue.
    let second = store
        .review_queue(today(), Page::first(2))
        .expect("queue")
        .page
        .rows[1]
        .item
        .id;
    let rv = Action::ReturnVisit {
        satisfaction: Satisfaction::Basically,
    };
    act(
        &mut store,
        second,
        rv,
        at(2026, 11, 20, 10),
        "张敏",
        "电话回访，群众表示基本满意",
    );
    let audit = store.override_closes(Page::first(1)).expect("audit");
    assert!(audit.total > 0, "and override closes");
    let mut app = app(store, 80, 24);
    for (w, h) in [(80, 24), (120, 40)] {
        app.update(UiAction::Resize {
            width: w,
            height: h,
        });
        if app.top().is_none() {
            key(&mut app, KeyCode::Char('r'));
        }
        insta::assert_snapshot!(format!("queue_{w}x{h}"), screen(&app));
        key(&mut app, KeyCode::Tab);
        insta::assert_snapshot!(format!("audit_{w}x{h}"), screen(&app));
        key(&mut app, KeyCode::Tab);
    }
    // The office's 今日 with its count.
    key(&mut app, KeyCode::Esc);
    let n = app.store().review_count().expect("count");
    assert!(screen(&app).contains(&format!("待核验 {n} 件（r 查看）")));
}

/// `open` builds the queue for any role (the layer decides what it may do); the audit list
/// is read by the work after the first frame.
#[test]
fn the_review_target_opens_the_queue_first_and_the_audit_after_the_first_frame() {
    let mut s = scene("county");
    let me = s.store.identity().expect("identity");
    let mut ctx = Ctx {
        store: &mut s.store,
        lang: Lang::En,
        today: today(),
        me: me.as_ref(),
    };
    let mut layer = open::open(&mut ctx, Target::Review)
        .expect("open")
        .expect("a layer");
    assert_eq!(layer.hint().1, rs::HINT.1, "the county acts too");
    let first = render(Shown(&*layer), 100, 20);
    assert!(
        first.contains("To verify: 3") && first.contains("Closed by override …"),
        "{first}"
    );
    assert!(layer.work(&mut ctx).is_some(), "the audit is read");
    assert!(layer.work(&mut ctx).is_none(), "once");
    let shown = render(Shown(&*layer), 100, 20);
    assert!(shown.contains("Closed by override: 1"), "{shown}");
}

/// A layer drawn as a widget.
struct Shown<'a>(&'a dyn minqing::tui::layer::Layer);

impl ratatui::widgets::Widget for Shown<'_> {
    fn render(self, area: ratatui::layout::Rect, buf: &mut ratatui::buffer::Buffer) {
        self.0.render(area, buf);
    }
}

#[test]
fn h_on_the_dashboard_opens_the_queue_for_the_office_only() {
    for (role, opens) in [("office", true), ("cadre", false)] {
        let mut s = scene(role);
        let store = std::mem::replace(&mut s.store, Store::open_in_memory().expect("store"));
        let mut app = app(store, 120, 40);
        key(&mut app, KeyCode::Char('7'));
        assert!(app.layers.is_empty());
        key(&mut app, KeyCode::Char('r'));
        assert!(app.layers.is_empty(), "r reloads the figures");
        key(&mut app, KeyCode::Char('h'));
        assert_eq!(!app.layers.is_empty(), opens, "{role}");
        if opens {
            assert_eq!(hint(&app), rs::HINT.0);
            key(&mut app, KeyCode::Esc);
            assert!(app.layers.is_empty(), "Esc goes back to the dashboard");
        }
    }
}
