import type { MetaFunction } from "@remix-run/node";

export const meta: MetaFunction = () => [{ title: "Cổ động" }];

export default function Index() {
  return (
    <main>
      <h1>Cổ động</h1>
      <p>Xưởng thiết kế ấn phẩm tuyên truyền cải cách hành chính — xã Lạc Phượng.</p>
    </main>
  );
}
