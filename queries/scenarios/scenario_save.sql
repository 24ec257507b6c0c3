-- Save (or overwrite) a scenario: name, assumptions as JSON, created, changed.
INSERT INTO user_data.scenarios (namn, antaganden, skapad, andrad) VALUES (?, ?, ?, ?)
ON CONFLICT (namn) DO UPDATE SET antaganden = excluded.antaganden, andrad = excluded.andrad;
