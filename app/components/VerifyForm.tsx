import { Form } from "@remix-run/react";

export function CodeForm({ defaultValue }: { defaultValue?: string }) {
  return (
    <Form method="get" action="/verify" className="row">
      <label className="inline" htmlFor="verify-code">
        Mã xác minh
      </label>
      <input
        id="verify-code"
        name="code"
        defaultValue={defaultValue}
        required
        maxLength={80}
        placeholder="VD: 7K3M9QXA hoặc CCHC-2026-1.12-0001"
        title="Mã xác minh 8 ký tự hoặc mã ấn phẩm in trên dải thông tin cạnh file in"
      />
      <button type="submit" className="btn">
        Tra cứu
      </button>
    </Form>
  );
}

/** Checks a file against a code: upload the PDF (hashed on the server) or paste its SHA-256. */
export function FileCheckForm({ action }: { action: string }) {
  return (
    <Form method="post" action={action} encType="multipart/form-data" className="form card">
      <h2>Kiểm tra file có đúng bản đã duyệt không</h2>
      <label>
        Tải lên file PDF
        <input type="file" name="file" accept="application/pdf,.pdf" />
      </label>
      <label>
        Hoặc dán mã SHA-256 của file
        <input name="sha256" pattern="[0-9a-fA-F]{64}" maxLength={64} spellCheck={false} />
      </label>
      <button type="submit" className="btn primary">
        Kiểm tra
      </button>
    </Form>
  );
}
