// The settings form, built from state.ts's property table: one control per property of the
// chosen demo; every valid edit hands a new state to onChange, a bad one is marked and ignored.
import { PROPERTIES, parseValue, propertiesFor, type Property, type State } from "./state.ts";

function controlFor(doc: Document, key: keyof State, p: Property, value: State[keyof State]): HTMLInputElement | HTMLSelectElement {
  if (p.kind === "enum") {
    const select = doc.createElement("select");
    for (const v of p.values) {
      const option = doc.createElement("option");
      option.value = option.textContent = v;
      select.append(option);
    }
    select.value = String(value);
    return select;
  }
  const input = doc.createElement("input");
  if (p.kind === "bool") {
    input.type = "checkbox";
    input.checked = value as boolean;
  } else {
    input.type = "text";
    input.inputMode = "decimal";
    input.value = String(value);
    input.title = `${p.kind === "int" ? "an integer" : "a number"} in [${p.min}, ${p.max}]`;
  }
  input.name = key;
  return input;
}

/** Fills `form` with the controls of state.demo's properties (replacing what was there). */
export function renderControls(form: HTMLElement, state: State, onChange: (next: State) => void): void {
  const doc = form.ownerDocument;
  form.replaceChildren();
  for (const key of propertiesFor(state.demo)) {
    const p = PROPERTIES[key] as Property;
    const label = doc.createElement("label");
    label.className = p.kind === "bool" ? "setting check" : "setting";
    const control = controlFor(doc, key, p, state[key]);
    control.id = `setting-${key}`;
    const text = doc.createElement("span");
    text.textContent = p.label;
    label.append(text, control);
    control.addEventListener("change", () => {
      const raw = control instanceof HTMLInputElement && control.type === "checkbox" ? (control.checked ? "1" : "0") : control.value;
      const r = parseValue(p, raw);
      control.classList.toggle("invalid", "problem" in r);
      if ("problem" in r) {
        control.title = `${p.label} ${r.problem}`;
        return;
      }
      onChange({ ...state, [key]: r.value });
    });
    form.append(label);
  }
}
