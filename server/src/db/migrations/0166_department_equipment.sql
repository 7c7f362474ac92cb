-- The software licences and hardware items each department uses (#14; Zou's software_department_link
-- and hardware_item_department_link): the Kitsu web client's department page, and budgets' costs.
CREATE TABLE department_software_link (
  department_id uuid NOT NULL REFERENCES department (id) ON DELETE CASCADE,
  software_id uuid NOT NULL REFERENCES software (id) ON DELETE CASCADE,
  PRIMARY KEY (department_id, software_id)
);
CREATE INDEX department_software_link_software_idx ON department_software_link (software_id);

CREATE TABLE department_hardware_item_link (
  department_id uuid NOT NULL REFERENCES department (id) ON DELETE CASCADE,
  hardware_item_id uuid NOT NULL REFERENCES hardware_item (id) ON DELETE CASCADE,
  PRIMARY KEY (department_id, hardware_item_id)
);
CREATE INDEX department_hardware_item_link_item_idx ON department_hardware_item_link (hardware_item_id);
