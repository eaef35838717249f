-- The built-in A4 address-label sheets (R-WS-5): 3 across, 7 or 8 down, centred on the page.
-- 3 × 70 mm = 210 mm (no side margin); 7 × 42.3 mm = 296.1 mm (0.45 mm top); 8 × 37 mm = 296 mm (0.5 mm top).
INSERT INTO label_layouts (code, name, page_width_mm, page_height_mm, margin_top_mm, margin_left_mm,
    label_width_mm, label_height_mm, pitch_x_mm, pitch_y_mm, columns, rows, built_in) VALUES
  ('3x7', 'A4 3 × 7 (70 × 42,3 mm)', 210, 297, 0.45, 0, 70, 42.3, 70, 42.3, 3, 7, true),
  ('3x8', 'A4 3 × 8 (70 × 37 mm)', 210, 297, 0.5, 0, 70, 37, 70, 37, 3, 8, true)
ON CONFLICT (code) DO NOTHING;
