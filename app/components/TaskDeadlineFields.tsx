import { useState } from "react";
import type { EditorPageData } from "../lib/editor.server";

/**
 * "Thuộc nhiệm vụ" (the plan's tasks) and "Cần hoàn thành trước" (a date). The date follows the
 * chosen task's due date until the user types one of their own; after that, changing the task
 * leaves it alone. Blank means no deadline.
 */
export function TaskDeadlineFields({ tasks }: { tasks: EditorPageData["tasks"] }) {
  const [task, setTask] = useState("");
  const [dueOn, setDueOn] = useState("");
  const [ownDate, setOwnDate] = useState(false);
  const onTask = (id: string) => {
    setTask(id);
    if (!ownDate) setDueOn(tasks.find((t) => t.id === id)?.dueDate ?? "");
  };
  return (
    <div className="deadline-fields">
      <label>
        Thuộc nhiệm vụ
        <select name="task" value={task} onChange={(e) => onTask(e.target.value)}>
          <option value="">— Không gắn nhiệm vụ —</option>
          {tasks.map((t) => (
            <option key={t.id} value={t.id}>
              {t.number}. {t.title}
            </option>
          ))}
        </select>
      </label>
      <label>
        Cần hoàn thành trước
        <input
          type="date"
          name="dueOn"
          value={dueOn}
          onChange={(e) => {
            setDueOn(e.target.value);
            setOwnDate(true);
          }}
        />
      </label>
    </div>
  );
}
