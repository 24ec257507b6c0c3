-- Whether import N is a workbook import (else it is a budget import).
SELECT count(*) > 0 FROM user_data.workbook_imports WHERE import_id = $import_id;
