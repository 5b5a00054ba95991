//! An in-memory store: the fallback when IndexedDB is unavailable, and a test double.

use std::cell::RefCell;
use std::collections::HashMap;

use serde_json::Value;

use super::{Store, StoreError, Table};

/// Values kept in memory, in insertion order per table.
#[derive(Debug, Default)]
pub struct MemoryStore {
    tables: RefCell<HashMap<Table, Vec<Value>>>,
}

fn id_of(v: &Value) -> Option<&str> {
    v.get("id").and_then(Value::as_str)
}

impl Store for MemoryStore {
    async fn put(&self, table: Table, value: &Value) -> Result<(), StoreError> {
        let Some(id) = id_of(value) else {
            return Err(StoreError::Failed("a value without an id cannot be stored".into()));
        };
        let mut tables = self.tables.borrow_mut();
        let rows = tables.entry(table).or_default();
        match rows.iter_mut().find(|r| id_of(r) == Some(id)) {
            Some(row) => *row = value.clone(),
            None => rows.push(value.clone()),
        }
        Ok(())
    }

    async fn put_many(&self, table: Table, values: &[Value]) -> Result<(), StoreError> {
        if values.iter().any(|v| id_of(v).is_none()) {
            return Err(StoreError::Failed("a value without an id cannot be stored".into()));
        }
        for v in values {
            self.put(table, v).await?;
        }
        Ok(())
    }

    async fn delete(&self, table: Table, id: &str) -> Result<(), StoreError> {
        if let Some(rows) = self.tables.borrow_mut().get_mut(&table) {
            rows.retain(|r| id_of(r) != Some(id));
        }
        Ok(())
    }

    async fn all(&self, table: Table) -> Result<Vec<Value>, StoreError> {
        Ok(self.tables.borrow().get(&table).cloned().unwrap_or_default())
    }

    async fn clear(&self, table: Table) -> Result<(), StoreError> {
        self.tables.borrow_mut().remove(&table);
        Ok(())
    }
}
