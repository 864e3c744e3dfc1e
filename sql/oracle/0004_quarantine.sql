-- backupctl schema, version 4 (Oracle): rows a master refused are set aside with pushed = -1 until
-- they change (every change sets pushed = 0 again; NUMBER(1) holds -1), found through the
-- (pushed, node) indexes of version 2; and the master records the host that first pushed each
-- node name, so that two hosts cannot push under one name.

ALTER TABLE node ADD (host VARCHAR2(255 CHAR));
