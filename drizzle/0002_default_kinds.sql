-- First start: the default customer kinds with their number series (editable in Settings).
INSERT INTO customer_kinds (code, name_fi, name_en, range_start, range_end, next_number, is_agent) VALUES
  ('ASIAKAS', 'Asiakas', 'Customer', 10000, 4999999, 10000, false),
  ('TOIMITTAJA', 'Toimittaja', 'Supplier', 5000000, 5099999, 5000000, false),
  ('AGENTTI', 'Agentti (matkatoimisto)', 'Agent (travel office)', 5100000, 5199999, 5100000, true),
  ('PROSPEKTI', 'Prospekti', 'Prospect', 6000000, 7999999, 6000000, false)
ON CONFLICT (code) DO NOTHING;
