//! Setting up the township: the office writes the shared records (township, villages, a
//! cadre record per device) and the conflict household; every device gets a database file,
//! an identity, keys, a card and a simulated clock; the office trusts everyone and everyone
//! trusts the office; the office sends each its first bundle; everyone takes a backup.

use std::collections::{BTreeSet, HashMap};
use std::sync::Arc;
use std::sync::atomic::{AtomicI64, AtomicU64, Ordering};

use minqing::domain::*;
use minqing::store::{Identity, Store};
use minqing::sync::keys::DeviceKeys;

use crate::world::{Device, OFFICE, Role, World};

pub const TOWNSHIP: &str = "两河镇";
pub const VILLAGE_NAMES: [&str; 3] = ["白虎村", "金坪村", "赤石村"];
/// 2026-03-01 00:00 UTC: the simulated clock starts here and moves a second per step.
const START_MS: u64 = 1_772_323_200_000;

pub fn clock(now: &Arc<AtomicU64>, offset: &Arc<AtomicI64>) -> minqing::store::Clock {
    let (now, offset) = (now.clone(), offset.clone());
    Box::new(move || {
        let t = now.load(Ordering::SeqCst) as i64 + offset.load(Ordering::SeqCst);
        t.max(0) as u64
    })
}

pub fn household(village: VillageId, name: &str, phone: &str) -> Household {
    Household {
        village_id: village,
        group_id: None,
        head_name: name.into(),
        address: None,
        phone: Some(phone.into()),
        tags: Vec::new(),
        cadre_id: None,
        note: None,
    }
}

impl World {
    /// The office writes the township, its villages and a cadre record for every device (and
    /// the conflict household); every device gets an identity, keys and a card; the office
    /// trusts everyone, everyone trusts the office; then the office sends each a first bundle.
    pub fn new(nv: usize, cadres: &[Vec<usize>]) -> World {
        let dir = tempfile::tempdir().expect("dir");
        let now = Arc::new(AtomicU64::new(START_MS));
        let mut roles = vec![Role::Office, Role::County];
        roles.extend(cadres.iter().cloned().map(Role::Cadre));
        let names: Vec<String> = roles
            .iter()
            .enumerate()
            .map(|(i, r)| match r {
                Role::Office => "两河镇党政办".to_owned(),
                Role::County => "县综治中心".to_owned(),
                Role::Cadre(_) => format!("包村干部{i}"),
            })
            .collect();
        let township = TownshipId::new();
        let villages: Vec<VillageId> = (0..nv).map(|_| VillageId::new()).collect();
        let cadre_ids: Vec<CadreId> = roles.iter().map(|_| CadreId::new()).collect();
        let target = HouseholdId::new();
        let mut devices = Vec::new();
        for (i, role) in roles.iter().enumerate() {
            let db = dir.path().join(format!("d{i}")).join("minqing.db");
            let mut store = Store::open(&db).expect("open");
            store.set_bulk(true).expect("bulk");
            let offset = Arc::new(AtomicI64::new(0));
            store.set_clock(clock(&now, &offset));
            let code = match role {
                Role::Office => "office",
                Role::County => "county",
                Role::Cadre(_) => "cadre",
            };
            if i == OFFICE {
                store
                    .write(|w| {
                        w.insert(
                            township,
                            &Township {
                                name: TOWNSHIP.into(),
                                short_name: "两河".into(),
                                code: None,
                            },
                        )?;
                        for (v, id) in villages.iter().enumerate() {
                            w.insert(
                                *id,
                                &Village {
                                    township_id: township,
                                    name: VILLAGE_NAMES[v].into(),
                                    code: None,
                                },
                            )?;
                        }
                        for (j, r) in roles.iter().enumerate() {
                            let covered = match r {
                                Role::Cadre(vs) => vs.iter().map(|v| villages[*v]).collect(),
                                _ => Vec::new(),
                            };
                            w.insert(
                                cadre_ids[j],
                                &Cadre {
                                    township_id: Some(township),
                                    name: names[j].clone(),
                                    phone: None,
                                    unit: None,
                                    role: ["office", "county", "cadre"][j.min(2)].into(),
                                    village_ids: covered,
                                },
                            )?;
                        }
                        w.insert(target, &household(villages[0], "王凯", "13800000000"))?;
                        Ok(())
                    })
                    .expect("township");
            }
            let identity = Identity {
                role: code.into(),
                name: names[i].clone(),
                township_id: township,
                cadre_id: cadre_ids[i],
                created_at: "2026-03-01T08:00:00".into(),
            };
            store.set_identity(&identity).expect("identity");
            let keys = DeviceKeys::generate();
            let covered = match role {
                Role::Cadre(vs) => vs.iter().map(|v| VILLAGE_NAMES[*v].to_owned()).collect(),
                _ => Vec::new(),
            };
            let card = keys.card(&identity, TOWNSHIP, covered);
            devices.push(Device {
                name: names[i].clone(),
                role: role.clone(),
                db,
                store,
                keys,
                card,
                offset,
                backups: Vec::new(),
                restored: false,
            });
        }
        for i in 1..devices.len() {
            let card = devices[i].card.clone();
            devices[OFFICE]
                .store
                .add_peer(&card, "2026-03-01 08:00:00")
                .expect("office trusts");
            let office = devices[OFFICE].card.clone();
            devices[i]
                .store
                .add_peer(&office, "2026-03-01 08:00:00")
                .expect("trusts the office");
        }
        std::fs::create_dir_all(dir.path().join("stick")).expect("stick");
        let mut world = World {
            dir,
            devices,
            villages,
            cadres: cadre_ids,
            now,
            pending: Vec::new(),
            files: 0,
            records: Vec::new(),
            village_of: HashMap::from([(target.into(), 0)]),
            made: BTreeSet::new(),
            discarded: BTreeSet::new(),
            target,
        };
        world.made = world.devices[OFFICE].held();
        for i in 1..world.devices.len() {
            world.transfer(OFFICE, i);
        }
        // A first backup everywhere, so a restore can happen at any step.
        for i in 0..world.devices.len() {
            world.backup(i);
        }
        world
    }
}
