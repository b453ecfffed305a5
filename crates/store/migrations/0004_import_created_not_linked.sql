-- Import items held after their person was created (the link failed): the
-- next import looks each matched employee up here, so keep it an index probe.
CREATE INDEX import_items_created_not_linked ON import_items (emp_code)
    WHERE state = 'held' AND worknice_person_id IS NOT NULL;
