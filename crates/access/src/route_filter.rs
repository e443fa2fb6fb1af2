//! Event Grid's advanced filters of a route: conditions on the CloudEvent a
//! message becomes (`data.temp` greater than 20, `subject` beginning with
//! …), all of which must hold for the route to take it.
//!
//! A key is a CloudEvents attribute (`subject`, `type`, an enrichment) or a
//! path into `data` (`data.a.b`). As in Event Grid, a key that is missing
//! fails every operator but `IsNullOrUndefined`; string comparisons ignore
//! case; `…In` operators take `values`, the others `value`.

use serde::{Deserialize, Serialize};
use serde_json::Value;

/// Most advanced filters of one route (Event Grid's limit).
pub const MAX_FILTERS: usize = 25;
/// Most values in all the filters of one route (Event Grid's limit).
pub const MAX_VALUES: usize = 25;

/// One condition.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct AdvancedFilter {
    /// What is compared.
    pub operator_type: Operator,
    /// `data.x`, or a CloudEvents attribute.
    pub key: String,
    /// The operand of single-value operators.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub value: Option<Value>,
    /// The operands of `…In` / `…NotIn` and the string operators.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub values: Vec<Value>,
}

/// Event Grid's advanced filter operators.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum Operator {
    /// `key > value`.
    NumberGreaterThan,
    /// `key >= value`.
    NumberGreaterThanOrEquals,
    /// `key < value`.
    NumberLessThan,
    /// `key <= value`.
    NumberLessThanOrEquals,
    /// `key` is one of `values`.
    NumberIn,
    /// `key` is none of `values`.
    NumberNotIn,
    /// `key` holds one of `values`.
    StringContains,
    /// `key` begins with one of `values`.
    StringBeginsWith,
    /// `key` ends with one of `values`.
    StringEndsWith,
    /// `key` is one of `values`.
    StringIn,
    /// `key` is none of `values`.
    StringNotIn,
    /// `key` is the boolean `value`.
    BoolEquals,
    /// `key` is missing or null.
    IsNullOrUndefined,
    /// `key` is there and not null.
    IsNotNull,
}

impl Operator {
    fn takes_values(self) -> bool {
        use Operator::*;
        matches!(
            self,
            NumberIn
                | NumberNotIn
                | StringContains
                | StringBeginsWith
                | StringEndsWith
                | StringIn
                | StringNotIn
        )
    }
}

impl AdvancedFilter {
    /// Checks the filter's own rules; the error is the rule.
    pub fn validate(&self) -> Result<(), String> {
        use Operator::*;
        if self.key.is_empty()
            || self.key.starts_with('.')
            || self.key.ends_with('.')
            || self.key.contains("..")
        {
            return Err(format!(
                "key '{}' is not an attribute or a data.x path",
                self.key
            ));
        }
        let numbers = |vs: &[Value]| vs.iter().all(Value::is_number);
        let strings = |vs: &[Value]| vs.iter().all(Value::is_string);
        match self.operator_type {
            NumberGreaterThan
            | NumberGreaterThanOrEquals
            | NumberLessThan
            | NumberLessThanOrEquals => {
                if !self.value.as_ref().is_some_and(Value::is_number) {
                    return Err(format!("{:?} needs a number in value", self.operator_type));
                }
            }
            NumberIn | NumberNotIn => {
                if self.values.is_empty() || !numbers(&self.values) {
                    return Err(format!("{:?} needs numbers in values", self.operator_type));
                }
            }
            StringContains | StringBeginsWith | StringEndsWith | StringIn | StringNotIn => {
                if self.values.is_empty() || !strings(&self.values) {
                    return Err(format!("{:?} needs strings in values", self.operator_type));
                }
            }
            BoolEquals => {
                if !self.value.as_ref().is_some_and(Value::is_boolean) {
                    return Err("BoolEquals needs true or false in value".into());
                }
            }
            IsNullOrUndefined | IsNotNull => {}
        }
        if !self.operator_type.takes_values() && !self.values.is_empty() {
            return Err(format!("{:?} takes value, not values", self.operator_type));
        }
        if self.operator_type.takes_values() && self.value.is_some() {
            return Err(format!("{:?} takes values, not value", self.operator_type));
        }
        Ok(())
    }

    /// Whether `event` (a CloudEvent as JSON) satisfies the filter.
    pub fn matches(&self, event: &Value) -> bool {
        use Operator::*;
        let found = lookup(event, &self.key).filter(|v| !v.is_null());
        let Some(actual) = found else {
            return self.operator_type == IsNullOrUndefined;
        };
        let number = || actual.as_f64();
        let text = || actual.as_str().map(str::to_lowercase);
        let operand = || self.value.as_ref().and_then(Value::as_f64);
        let texts = || {
            self.values
                .iter()
                .filter_map(Value::as_str)
                .map(str::to_lowercase)
        };
        let numbers = || self.values.iter().filter_map(Value::as_f64);
        match self.operator_type {
            NumberGreaterThan => matches!((number(), operand()), (Some(a), Some(b)) if a > b),
            NumberGreaterThanOrEquals => {
                matches!((number(), operand()), (Some(a), Some(b)) if a >= b)
            }
            NumberLessThan => matches!((number(), operand()), (Some(a), Some(b)) if a < b),
            NumberLessThanOrEquals => matches!((number(), operand()), (Some(a), Some(b)) if a <= b),
            NumberIn => number().is_some_and(|a| numbers().any(|b| a == b)),
            NumberNotIn => number().is_some_and(|a| numbers().all(|b| a != b)),
            StringContains => text().is_some_and(|a| texts().any(|b| a.contains(&b))),
            StringBeginsWith => text().is_some_and(|a| texts().any(|b| a.starts_with(&b))),
            StringEndsWith => text().is_some_and(|a| texts().any(|b| a.ends_with(&b))),
            StringIn => text().is_some_and(|a| texts().any(|b| a == b)),
            StringNotIn => text().is_some_and(|a| texts().all(|b| a != b)),
            BoolEquals => {
                actual.as_bool().is_some()
                    && actual.as_bool() == self.value.as_ref().and_then(Value::as_bool)
            }
            IsNullOrUndefined => false,
            IsNotNull => true,
        }
    }
}

/// The value at `key`: a top-level attribute, or a dotted path (`data.a.b`).
fn lookup<'a>(event: &'a Value, key: &str) -> Option<&'a Value> {
    key.split('.').try_fold(event, |v, part| v.get(part))
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn filter(f: Value) -> AdvancedFilter {
        let f: AdvancedFilter = serde_json::from_value(f).unwrap();
        f.validate().unwrap();
        f
    }

    #[test]
    fn operators_follow_event_grid() {
        let event = json!({"subject": "Devices/D1/Telemetry", "data": {"temp": 21.5, "on": true, "site": {"name": "Lab"}}});
        let yes = |f: Value| assert!(filter(f.clone()).matches(&event), "{f}");
        let no = |f: Value| assert!(!filter(f.clone()).matches(&event), "{f}");
        yes(json!({"operatorType": "NumberGreaterThan", "key": "data.temp", "value": 20}));
        no(json!({"operatorType": "NumberGreaterThan", "key": "data.temp", "value": 21.5}));
        yes(json!({"operatorType": "NumberLessThanOrEquals", "key": "data.temp", "value": 21.5}));
        yes(json!({"operatorType": "NumberIn", "key": "data.temp", "values": [1, 21.5]}));
        no(json!({"operatorType": "NumberNotIn", "key": "data.temp", "values": [21.5]}));
        yes(json!({"operatorType": "StringBeginsWith", "key": "subject", "values": ["devices/"]}));
        yes(
            json!({"operatorType": "StringIn", "key": "data.site.name", "values": ["lab", "office"]}),
        );
        no(json!({"operatorType": "StringContains", "key": "subject", "values": ["status"]}));
        yes(json!({"operatorType": "BoolEquals", "key": "data.on", "value": true}));
        yes(json!({"operatorType": "IsNullOrUndefined", "key": "data.missing"}));
        no(json!({"operatorType": "IsNotNull", "key": "data.missing"}));
        // A missing key fails the others, even the negative ones.
        no(json!({"operatorType": "NumberNotIn", "key": "data.missing", "values": [1]}));
        no(json!({"operatorType": "StringNotIn", "key": "data.missing", "values": ["x"]}));
        // A number is not a string.
        no(json!({"operatorType": "StringIn", "key": "data.temp", "values": ["21.5"]}));
    }

    #[test]
    fn bad_filters_name_the_rule() {
        let bad = |f: Value| {
            let f: AdvancedFilter = serde_json::from_value(f).unwrap();
            f.validate().unwrap_err()
        };
        assert!(
            bad(json!({"operatorType": "NumberGreaterThan", "key": "data.t", "value": "x"}))
                .contains("number")
        );
        assert!(
            bad(json!({"operatorType": "StringIn", "key": "data.t", "values": []}))
                .contains("strings")
        );
        assert!(
            bad(json!({"operatorType": "BoolEquals", "key": "data.t", "value": 1}))
                .contains("true or false")
        );
        assert!(bad(json!({"operatorType": "IsNotNull", "key": "data..t"})).contains("key"));
        assert!(
            bad(json!({"operatorType": "NumberIn", "key": "t", "values": [1], "value": 1}))
                .contains("not value")
        );
    }
}
