// An ARIA 1.2 combobox with a listbox popup: type, move with the arrow keys, Enter chooses, Escape closes.
// The chosen suggestion is remembered on the input (data-kind, data-value) until the text is edited.

import { isAbort } from "./api.js";
import { debounce, h } from "./dom.js";

const MIN_LENGTH = 2;

export function combobox(input, { suggest, onChoose }) {
  const listbox = document.getElementById(input.getAttribute("aria-controls"));
  let options = [];
  let active = -1;
  let generation = 0; // an answer that arrives after the list was closed (or asked again) is dropped

  const close = () => {
    generation += 1;
    listbox.hidden = true;
    input.setAttribute("aria-expanded", "false");
    input.removeAttribute("aria-activedescendant");
    active = -1;
  };

  const setActive = (index) => {
    options.forEach((option, i) => option.element.setAttribute("aria-selected", String(i === index)));
    active = index;
    if (index >= 0) {
      input.setAttribute("aria-activedescendant", options[index].element.id);
      options[index].element.scrollIntoView({ block: "nearest" });
    } else {
      input.removeAttribute("aria-activedescendant");
    }
  };

  const choose = (index) => {
    const option = options[index];
    if (!option) return;
    input.value = option.item.text ?? option.item.label;
    input.dataset.kind = option.item.kind;
    input.dataset.value = option.item.value;
    close();
    onChoose(option.item);
  };

  const render = (groups) => {
    listbox.replaceChildren();
    options = [];
    for (const group of groups) {
      if (!group.items.length) continue;
      listbox.append(h("li", { role: "presentation", class: "suggestion-group" }, group.label));
      for (const item of group.items) {
        const index = options.length;
        const element = h("li", {
          role: "option", id: `${listbox.id}-${index}`, class: "suggestion", "aria-selected": "false",
          onmousedown: (event) => event.preventDefault(), // keep the focus in the input
          onclick: () => choose(index),
        }, item.label, item.note ? h("span", { class: "suggestion-note" }, ` ${item.note}`) : null);
        options.push({ element, item });
        listbox.append(element);
      }
    }
    const open = options.length > 0;
    listbox.hidden = !open;
    input.setAttribute("aria-expanded", String(open));
    setActive(-1);
  };

  const update = debounce(async () => {
    const text = input.value.trim();
    if (text.length < MIN_LENGTH) return close();
    const asked = ++generation;
    try {
      const groups = await suggest(text);
      if (asked === generation && document.activeElement === input) render(groups);
    } catch (error) {
      if (!isAbort(error) && asked === generation) close();
    }
  }, 150);

  input.addEventListener("input", () => {
    delete input.dataset.kind;
    delete input.dataset.value;
    update();
  });
  input.addEventListener("keydown", (event) => {
    const open = !listbox.hidden && options.length > 0;
    if (event.key === "ArrowDown") {
      event.preventDefault();
      if (!open) update();
      else setActive((active + 1) % options.length);
    } else if (event.key === "ArrowUp" && open) {
      event.preventDefault();
      setActive(active <= 0 ? options.length - 1 : active - 1);
    } else if (event.key === "Enter" && open && active >= 0) {
      event.preventDefault();
      choose(active);
    } else if (event.key === "Escape" && open) {
      event.preventDefault();
      close();
    }
  });
  input.addEventListener("blur", () => setTimeout(close, 100));
  // A submitted form closes its suggestions, including an answer that arrives just after.
  input.form?.addEventListener("submit", () => {
    update.cancel?.();
    close();
  });
  return { close };
}
