// 投影模式开关：在 <body> 上加或去掉 edu-projector（样式在 projector.css）。The projector switch.
function render({ model, el }) {
  const label = document.createElement("label");
  label.className = "edu-projector-switch";
  const box = document.createElement("input");
  box.type = "checkbox";
  label.append(box, document.createTextNode(" 投影模式（大字、全宽）"));
  el.appendChild(label);
  const apply = () => {
    const on = Boolean(model.get("on"));
    box.checked = on;
    document.body.classList.toggle("edu-projector", on);
  };
  const onChange = () => {
    model.set("on", box.checked);
    model.save_changes();
  };
  box.addEventListener("change", onChange);
  model.on("change:on", apply);
  apply();
  return () => {
    model.off("change:on", apply);
    box.removeEventListener("change", onChange);
  };
}

export default { render };
