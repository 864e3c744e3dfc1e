//! A PostgreSQL transaction's BEGIN travels with its first statement (one round trip, not two):
//! what is done inside it stays inside it, a rollback undoes it, and an empty one leaves nothing
//! open behind it.

use backupctl::store::postgres::PostgresBackend;
use backupctl::store::{Backend, Value};

use crate::support::PgSchema;

fn count(observer: &mut postgres::Client) -> i64 {
    observer
        .query_one("SELECT COUNT(*) FROM t", &[])
        .unwrap()
        .get(0)
}

#[test]
fn a_transaction_begun_with_its_first_statement_is_a_whole_transaction() {
    let Some(pg) = PgSchema::create("the pipelined-transaction test") else {
        return;
    };
    let mut b = PostgresBackend::connect(&pg.url, "BACKUPCTL_STORE_PASSWORD", None).unwrap();
    b.batch("CREATE TABLE t (n integer)").unwrap();
    let mut observer = pg.client();

    // Inside: not seen by another session until the commit; a rollback undoes it.
    b.begin().unwrap();
    b.execute("INSERT INTO t VALUES (?)", &[Value::Int(1)])
        .unwrap();
    assert_eq!(count(&mut observer), 0);
    b.rollback().unwrap();
    assert_eq!(count(&mut observer), 0);
    b.begin().unwrap();
    b.execute("INSERT INTO t VALUES (?)", &[Value::Int(2)])
        .unwrap();
    b.execute("INSERT INTO t VALUES (?)", &[Value::Int(3)])
        .unwrap();
    assert_eq!(count(&mut observer), 0);
    b.commit().unwrap();
    assert_eq!(count(&mut observer), 2);

    // A read first: the statements that follow are in its transaction (now() is its start).
    b.begin().unwrap();
    let first = b.query("SELECT now()::text AS t", &[]).unwrap();
    std::thread::sleep(std::time::Duration::from_millis(20));
    let second = b.query("SELECT now()::text AS t", &[]).unwrap();
    assert_eq!(
        first[0].get::<String>("t").unwrap(),
        second[0].get::<String>("t").unwrap()
    );
    b.commit().unwrap();

    // An empty transaction leaves none open: the next statement commits on its own.
    b.begin().unwrap();
    b.commit().unwrap();
    b.begin().unwrap();
    b.rollback().unwrap();
    b.execute("INSERT INTO t VALUES (?)", &[Value::Int(4)])
        .unwrap();
    assert_eq!(count(&mut observer), 3);
}
