//! The compact binary encoding of a summary inside a share link (format byte [`FORMAT`]): little
//! more than varints — times as seconds relative to when it was made, readings sorted by time with
//! the gap to the previous one, whole-number fields as integers and other numbers to 0.01,
//! vocabulary values as their index in the core's tables. Format 2 adds the care plan and the
//! targets the care team set (oxygen, glucose); format-1
//! summaries still decode. Decoding checks every value against the Record format's plausible
//! ranges and fails as a whole on anything it cannot read.

use chrono::{DateTime, NaiveDate, TimeDelta, Utc};

use super::{FlagEpisode, PlanEntry, Results, Summary, FORMAT, FORMAT_1};
use crate::fields::FieldVal;
use crate::record::{
    Allergy, CarePlan, Contact, Medicine, ObsValue, Observation, Profile, QuestionnaireEntry, Record, Smoking, Symptom,
};
use crate::red_flags::Level;
use crate::spec::{kind_spec, FieldType};
use crate::vocab::{
    Condition, ContactRole, Instrument, Medication, ObsKind, OxygenTarget, Sex, SmokingStatus, SymptomCode,
};

struct W(Vec<u8>);

impl W {
    fn u(&mut self, mut x: u64) {
        loop {
            let b = (x & 0x7f) as u8;
            x >>= 7;
            if x == 0 {
                self.0.push(b);
                return;
            }
            self.0.push(b | 0x80);
        }
    }
    fn i(&mut self, x: i64) {
        self.u(((x << 1) ^ (x >> 63)) as u64);
    }
    fn b(&mut self, x: bool) {
        self.0.push(u8::from(x));
    }
    fn s(&mut self, x: &str) {
        self.u(x.len() as u64);
        self.0.extend_from_slice(x.as_bytes());
    }
    fn opt_s(&mut self, x: Option<&str>) {
        match x {
            Some(t) => {
                self.u(t.len() as u64 + 1);
                self.0.extend_from_slice(t.as_bytes());
            }
            None => self.u(0),
        }
    }
    /// An optional number to 0.01 (0 = absent, else zigzag + 1).
    fn opt_n(&mut self, x: Option<f64>) {
        match x {
            Some(v) => self.u(zig(hundredths(v)) + 1),
            None => self.u(0),
        }
    }
    fn t(&mut self, t: DateTime<Utc>, base: DateTime<Utc>) {
        self.i((t - base).num_seconds());
    }
    fn opt_t(&mut self, t: Option<DateTime<Utc>>, base: DateTime<Utc>) {
        match t {
            Some(t) => self.u(zig((t - base).num_seconds()) + 1),
            None => self.u(0),
        }
    }
    fn d(&mut self, d: NaiveDate, base: NaiveDate) {
        self.i((d - base).num_days());
    }
    fn idx<T: PartialEq>(&mut self, all: &[T], x: &T) {
        self.u(all.iter().position(|a| a == x).unwrap_or(0) as u64);
    }
    /// An optional vocabulary value (0 = absent, else index + 1).
    fn opt_idx<T: PartialEq>(&mut self, all: &[T], x: Option<&T>) {
        self.u(x.map_or(0, |x| all.iter().position(|a| a == x).map_or(0, |i| i as u64 + 1)));
    }
    fn care_plan(&mut self, c: Option<&CarePlan>) {
        let Some(c) = c else { return self.u(0) };
        self.u(1);
        self.opt_s(c.what_matters.as_deref());
        self.opt_s(c.advance_care_plan.as_deref());
        self.opt_s(c.medicines_notes.as_deref());
        self.u(c.medicines.len() as u64);
        for m in &c.medicines {
            self.s(&m.name);
            self.opt_s(m.dose.as_deref());
            self.opt_idx(Medication::ALL, m.class.as_ref());
        }
        self.u(c.allergies.len() as u64);
        for a in &c.allergies {
            self.s(&a.substance);
            self.opt_s(a.reaction.as_deref());
        }
        self.b(c.no_known_allergies);
        self.u(c.contacts.len() as u64);
        for k in &c.contacts {
            self.s(&k.name);
            self.opt_s(k.relationship.as_deref());
            self.opt_s(k.phone.as_deref());
            self.opt_idx(ContactRole::ALL, k.role.as_ref());
        }
    }
    fn list<T: PartialEq + Copy>(&mut self, all: &[T], xs: &[T]) {
        self.u(xs.len() as u64);
        for x in xs {
            self.idx(all, x);
        }
    }
}

fn zig(x: i64) -> u64 {
    ((x << 1) ^ (x >> 63)) as u64
}

fn unzig(x: u64) -> i64 {
    ((x >> 1) as i64) ^ -((x & 1) as i64)
}

fn hundredths(v: f64) -> i64 {
    (v * 100.0).round() as i64
}

/// Why bytes could not be read as a summary.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum DecodeError {
    /// A format this build does not read.
    UnknownFormat(u8),
    /// Cut short, or a value out of range.
    Invalid,
}

struct R<'a> {
    b: &'a [u8],
    at: usize,
}

type Res<T> = Result<T, DecodeError>;

impl R<'_> {
    fn byte(&mut self) -> Res<u8> {
        let x = *self.b.get(self.at).ok_or(DecodeError::Invalid)?;
        self.at += 1;
        Ok(x)
    }
    fn u(&mut self) -> Res<u64> {
        let mut x = 0u64;
        for shift in (0..64).step_by(7) {
            let b = self.byte()?;
            x |= u64::from(b & 0x7f) << shift;
            if b & 0x80 == 0 {
                return Ok(x);
            }
        }
        Err(DecodeError::Invalid)
    }
    fn count(&mut self) -> Res<usize> {
        let n = usize::try_from(self.u()?).map_err(|_| DecodeError::Invalid)?;
        // Every counted item takes at least one byte: a larger count is not a summary.
        if n > self.b.len() - self.at {
            return Err(DecodeError::Invalid);
        }
        Ok(n)
    }
    fn i(&mut self) -> Res<i64> {
        Ok(unzig(self.u()?))
    }
    fn b(&mut self) -> Res<bool> {
        match self.byte()? {
            0 => Ok(false),
            1 => Ok(true),
            _ => Err(DecodeError::Invalid),
        }
    }
    fn bytes(&mut self, n: usize) -> Res<&[u8]> {
        let end = self.at.checked_add(n).filter(|e| *e <= self.b.len()).ok_or(DecodeError::Invalid)?;
        let out = &self.b[self.at..end];
        self.at = end;
        Ok(out)
    }
    fn s(&mut self) -> Res<String> {
        let n = self.count()?;
        String::from_utf8(self.bytes(n)?.to_vec()).map_err(|_| DecodeError::Invalid)
    }
    fn opt_s(&mut self) -> Res<Option<String>> {
        match self.count()? {
            0 => Ok(None),
            n => String::from_utf8(self.bytes(n - 1)?.to_vec()).map(Some).map_err(|_| DecodeError::Invalid),
        }
    }
    fn opt_n(&mut self) -> Res<Option<f64>> {
        match self.u()? {
            0 => Ok(None),
            n => Ok(Some(unzig(n - 1) as f64 / 100.0)),
        }
    }
    fn t(&mut self, base: DateTime<Utc>) -> Res<DateTime<Utc>> {
        let d = TimeDelta::try_seconds(self.i()?).ok_or(DecodeError::Invalid)?;
        base.checked_add_signed(d).ok_or(DecodeError::Invalid)
    }
    fn opt_t(&mut self, base: DateTime<Utc>) -> Res<Option<DateTime<Utc>>> {
        match self.u()? {
            0 => Ok(None),
            n => {
                let d = TimeDelta::try_seconds(unzig(n - 1)).ok_or(DecodeError::Invalid)?;
                base.checked_add_signed(d).map(Some).ok_or(DecodeError::Invalid)
            }
        }
    }
    fn d(&mut self, base: NaiveDate) -> Res<NaiveDate> {
        let d = TimeDelta::try_days(self.i()?).ok_or(DecodeError::Invalid)?;
        base.checked_add_signed(d).ok_or(DecodeError::Invalid)
    }
    fn idx<T: Copy>(&mut self, all: &[T]) -> Res<T> {
        let i = usize::try_from(self.u()?).map_err(|_| DecodeError::Invalid)?;
        all.get(i).copied().ok_or(DecodeError::Invalid)
    }
    fn opt_idx<T: Copy>(&mut self, all: &[T]) -> Res<Option<T>> {
        match usize::try_from(self.u()?).map_err(|_| DecodeError::Invalid)? {
            0 => Ok(None),
            i => all.get(i - 1).copied().map(Some).ok_or(DecodeError::Invalid),
        }
    }
    fn care_plan(&mut self) -> Res<Option<CarePlan>> {
        if !self.b()? {
            return Ok(None);
        }
        let mut c = CarePlan {
            what_matters: self.opt_s()?,
            advance_care_plan: self.opt_s()?,
            medicines_notes: self.opt_s()?,
            ..CarePlan::default()
        };
        for _ in 0..self.count()? {
            c.medicines.push(Medicine { name: self.s()?, dose: self.opt_s()?, class: self.opt_idx(Medication::ALL)? });
        }
        for _ in 0..self.count()? {
            c.allergies.push(Allergy { substance: self.s()?, reaction: self.opt_s()? });
        }
        c.no_known_allergies = self.b()?;
        for _ in 0..self.count()? {
            c.contacts.push(Contact {
                name: self.s()?,
                relationship: self.opt_s()?,
                phone: self.opt_s()?,
                role: self.opt_idx(ContactRole::ALL)?,
            });
        }
        Ok(Some(c))
    }
    fn list<T: Copy>(&mut self, all: &[T]) -> Res<Vec<T>> {
        let n = self.count()?;
        (0..n).map(|_| self.idx(all)).collect()
    }
}

fn epoch() -> DateTime<Utc> {
    DateTime::UNIX_EPOCH
}

fn epoch_day() -> NaiveDate {
    DateTime::UNIX_EPOCH.date_naive()
}

/// Encodes a summary (format [`FORMAT`]).
pub fn encode(s: &Summary) -> Vec<u8> {
    let mut w = W(Vec::with_capacity(256 + s.record.observations.len() * 6));
    let base = s.created;
    w.0.push(FORMAT);
    w.t(base, epoch());
    w.opt_t(s.expires, base);
    w.d(s.from, epoch_day());
    w.d(s.to, s.from);
    w.list(ObsKind::ALL, &s.kinds);
    w.b(s.notes);
    let p = &s.record.profile;
    w.opt_s(p.name.as_deref());
    match p.birth_date {
        Some(d) => w.u(zig((d - epoch_day()).num_days()) + 1),
        None => w.u(0),
    }
    w.u(s.age_years.map_or(0, |a| u64::from(a) + 1));
    w.u(p.sex.map_or(0, |x| Sex::ALL.iter().position(|a| *a == x).unwrap_or(0) as u64 + 1));
    w.opt_n(p.height_cm);
    w.list(Condition::ALL, &p.conditions);
    w.list(Medication::ALL, &p.medications);
    match &p.smoking {
        None => w.u(0),
        Some(sm) => {
            w.u(SmokingStatus::ALL.iter().position(|a| *a == sm.status).unwrap_or(0) as u64 + 1);
            match sm.quit_date {
                Some(d) => w.u(zig((d - epoch_day()).num_days()) + 1),
                None => w.u(0),
            }
            w.opt_n(sm.cigarettes_per_day);
            w.u(u64::from(sm.vapes) | (u64::from(sm.home_indoor_smoker) << 1));
        }
    }
    w.opt_n(p.peak_flow_best_l_min);
    w.care_plan(p.care_plan.as_ref());
    // Format 2: the targets the care team set, which change what a reading means.
    w.opt_idx(OxygenTarget::ALL, p.oxygen_target.as_ref());
    w.opt_n(p.glucose_target_mmol_l.map(|t| t.0));
    w.opt_n(p.glucose_target_mmol_l.map(|t| t.1));

    let r = &s.record;
    w.u(r.observations.len() as u64);
    let mut prev = base;
    for o in &r.observations {
        let kind = o.kind();
        w.idx(ObsKind::ALL, &kind);
        w.t(o.at, prev);
        prev = o.at;
        let spec = kind_spec(kind);
        for (name, v) in o.value.fields() {
            let ty = spec.fields.iter().find(|f| f.name == name).map(|f| f.ty);
            match (v, ty) {
                (FieldVal::Num(x), Some(FieldType::Whole { .. })) => w.i(x.round() as i64),
                (FieldVal::Num(x), _) => w.i(hundredths(x)),
                (FieldVal::Bool(b), _) => w.b(b),
                (FieldVal::Choice(c), Some(FieldType::Choice(options))) => {
                    w.u(options.iter().position(|x| *x == c).unwrap_or(0) as u64);
                }
                (FieldVal::Choice(_), _) => w.u(0),
            }
        }
        w.opt_s(o.note.as_deref());
    }
    w.u(r.symptoms.len() as u64);
    for sy in &r.symptoms {
        w.idx(SymptomCode::ALL, &sy.code);
        w.t(sy.at, base);
        w.opt_t(sy.resolved_at, base);
        w.opt_s(sy.note.as_deref());
    }
    w.u(r.questionnaires.len() as u64);
    for q in &r.questionnaires {
        w.idx(Instrument::ALL, &q.instrument);
        w.t(q.at, base);
        w.u(q.items.len() as u64);
        w.0.extend_from_slice(&q.items);
    }

    let res = &s.results;
    match &res.components {
        None => w.b(false),
        Some(c) => {
            w.b(true);
            for x in c {
                w.0.push(x.unwrap_or(u8::MAX));
            }
        }
    }
    w.opt_n(res.qrisk3_percent);
    w.u(res.flags.len() as u64);
    for f in &res.flags {
        w.s(&f.id);
        w.idx(&Level::ALL, &f.level);
        w.t(f.from, base);
        w.t(f.last_seen, base);
        w.b(f.active);
    }
    w.u(u64::from(res.flag_window_entries));
    w.u(res.plan.len() as u64);
    for p in &res.plan {
        w.s(&p.advice_id);
        w.d(p.due, base.date_naive());
        w.b(p.overdue);
    }
    w.0
}

fn checked_number(x: f64, ty: FieldType) -> Res<FieldVal> {
    match ty {
        FieldType::Whole { min, max } | FieldType::Real { min, max } if (min..=max).contains(&x) => {
            Ok(FieldVal::Num(x))
        }
        _ => Err(DecodeError::Invalid),
    }
}

/// Decodes a summary written by [`encode`].
pub fn decode(bytes: &[u8]) -> Result<Summary, DecodeError> {
    let mut r = R { b: bytes, at: 0 };
    let format = r.byte()?;
    if format != FORMAT && format != FORMAT_1 {
        return Err(DecodeError::UnknownFormat(format));
    }
    let base = r.t(epoch())?;
    let expires = r.opt_t(base)?;
    let from = r.d(epoch_day())?;
    let to = r.d(from)?;
    if to < from {
        return Err(DecodeError::Invalid);
    }
    let kinds = r.list(ObsKind::ALL)?;
    let notes = r.b()?;
    let name = r.opt_s()?;
    let birth_date = match r.u()? {
        0 => None,
        n => Some(
            epoch_day()
                .checked_add_signed(TimeDelta::try_days(unzig(n - 1)).ok_or(DecodeError::Invalid)?)
                .ok_or(DecodeError::Invalid)?,
        ),
    };
    let age_years = match r.u()? {
        0 => None,
        n => Some(u32::try_from(n - 1).map_err(|_| DecodeError::Invalid)?),
    };
    let sex = match r.u()? {
        0 => None,
        n => {
            Some(*Sex::ALL.get(usize::try_from(n - 1).map_err(|_| DecodeError::Invalid)?).ok_or(DecodeError::Invalid)?)
        }
    };
    let height_cm = r.opt_n()?;
    let conditions = r.list(Condition::ALL)?;
    let medications = r.list(Medication::ALL)?;
    let smoking = match r.u()? {
        0 => None,
        n => {
            let status = *SmokingStatus::ALL
                .get(usize::try_from(n - 1).map_err(|_| DecodeError::Invalid)?)
                .ok_or(DecodeError::Invalid)?;
            let quit_date = match r.u()? {
                0 => None,
                q => Some(
                    epoch_day()
                        .checked_add_signed(TimeDelta::try_days(unzig(q - 1)).ok_or(DecodeError::Invalid)?)
                        .ok_or(DecodeError::Invalid)?,
                ),
            };
            let cigarettes_per_day = r.opt_n()?;
            let bits = r.u()?;
            Some(Smoking {
                status,
                quit_date,
                cigarettes_per_day,
                vapes: bits & 1 == 1,
                home_indoor_smoker: bits & 2 == 2,
            })
        }
    };
    let peak_flow_best_l_min = r.opt_n()?;
    let care_plan = if format == FORMAT_1 { None } else { r.care_plan()? };
    let (oxygen_target, glucose_target_mmol_l) = if format == FORMAT_1 {
        (None, None)
    } else {
        let o2 = r.opt_idx(OxygenTarget::ALL)?;
        let (lo, hi) = crate::spec::GLUCOSE_TARGET_RANGE;
        let glucose = match (r.opt_n()?, r.opt_n()?) {
            (Some(l), Some(h)) if l < h && (lo..=hi).contains(&l) && (lo..=hi).contains(&h) => Some((l, h)),
            (None, None) => None,
            _ => return Err(DecodeError::Invalid),
        };
        (o2, glucose)
    };
    let profile = Profile {
        name,
        birth_date,
        sex,
        height_cm,
        conditions,
        medications,
        smoking,
        peak_flow_best_l_min,
        care_plan,
        oxygen_target,
        glucose_target_mmol_l,
        ..Profile::default()
    };

    let n = r.count()?;
    let mut observations = Vec::with_capacity(n);
    let mut prev = base;
    for i in 0..n {
        let kind = r.idx(ObsKind::ALL)?;
        let at = r.t(prev)?;
        prev = at;
        let spec = kind_spec(kind);
        let mut vals: Vec<(&str, FieldVal)> = Vec::with_capacity(spec.fields.len());
        for f in spec.fields {
            let v = match f.ty {
                FieldType::Whole { .. } => checked_number(r.i()? as f64, f.ty)?,
                FieldType::Real { .. } => checked_number(r.i()? as f64 / 100.0, f.ty)?,
                FieldType::Bool => FieldVal::Bool(r.b()?),
                FieldType::Choice(options) => FieldVal::Choice(r.idx(options)?),
            };
            vals.push((f.name, v));
        }
        let value = ObsValue::from_fields(kind, |n| vals.iter().find(|(k, _)| *k == n).map(|(_, v)| *v))
            .ok_or(DecodeError::Invalid)?;
        let note = r.opt_s()?;
        observations.push(Observation { id: format!("o{}", i + 1), at, value, note, source: None });
    }
    let n = r.count()?;
    let mut symptoms = Vec::with_capacity(n);
    for i in 0..n {
        let code = r.idx(SymptomCode::ALL)?;
        let at = r.t(base)?;
        let resolved_at = r.opt_t(base)?;
        let note = r.opt_s()?;
        symptoms.push(Symptom { id: format!("s{}", i + 1), at, code, resolved_at, note });
    }
    let n = r.count()?;
    let mut questionnaires = Vec::with_capacity(n);
    for i in 0..n {
        let instrument = r.idx(Instrument::ALL)?;
        let at = r.t(base)?;
        let k = r.count()?;
        let items = r.bytes(k)?.to_vec();
        questionnaires.push(QuestionnaireEntry { id: format!("q{}", i + 1), at, instrument, items });
    }

    let components = if r.b()? {
        let mut c = [None; 8];
        for x in &mut c {
            let b = r.byte()?;
            *x = match b {
                u8::MAX => None,
                0..=100 => Some(b),
                _ => return Err(DecodeError::Invalid),
            };
        }
        Some(c)
    } else {
        None
    };
    let qrisk3_percent = r.opt_n()?;
    let n = r.count()?;
    let mut flags = Vec::with_capacity(n);
    for _ in 0..n {
        let id = r.s()?;
        let level = r.idx(&Level::ALL)?;
        let from = r.t(base)?;
        let last_seen = r.t(base)?;
        let active = r.b()?;
        flags.push(FlagEpisode { id, level, from, last_seen, active });
    }
    let flag_window_entries = u32::try_from(r.u()?).map_err(|_| DecodeError::Invalid)?;
    let n = r.count()?;
    let mut plan = Vec::with_capacity(n);
    for _ in 0..n {
        let advice_id = r.s()?;
        let due = r.d(base.date_naive())?;
        let overdue = r.b()?;
        plan.push(PlanEntry { advice_id, due, overdue });
    }
    if r.at != bytes.len() {
        return Err(DecodeError::Invalid);
    }
    Ok(Summary {
        created: base,
        expires,
        from,
        to,
        kinds,
        notes,
        record: Record { profile, observations, symptoms, questionnaires, phq9_item9_only: Vec::new() },
        age_years,
        results: Results { components, qrisk3_percent, flags, plan, flag_window_entries },
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn varints_round_trip_at_their_edges() {
        for x in [0i64, 1, -1, 63, -64, 64, 8191, -8192, i64::from(i32::MAX), i64::MIN / 2, i64::MAX / 2] {
            let mut w = W(Vec::new());
            w.i(x);
            let mut r = R { b: &w.0, at: 0 };
            assert_eq!(r.i(), Ok(x));
            assert_eq!(r.at, w.0.len());
        }
    }

    #[test]
    fn short_or_padded_input_is_refused() {
        let now = DateTime::from_timestamp(1_795_000_000, 0).unwrap_or_default();
        let s = Summary {
            created: now,
            expires: Some(now + TimeDelta::days(30)),
            from: now.date_naive(),
            to: now.date_naive(),
            kinds: vec![ObsKind::BloodPressure],
            notes: false,
            record: Record::default(),
            age_years: Some(50),
            results: Results::default(),
        };
        let bytes = encode(&s);
        assert_eq!(decode(&bytes), Ok(s));
        for cut in 0..bytes.len() {
            assert!(decode(&bytes[..cut]).is_err(), "cut at {cut}");
        }
        let mut longer = bytes.clone();
        longer.push(0);
        assert_eq!(decode(&longer), Err(DecodeError::Invalid));
        let mut other = bytes;
        other[0] = 3;
        assert_eq!(decode(&other), Err(DecodeError::UnknownFormat(3)));
    }
}
