import { render, screen } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { ApiError } from "../../api/client";
import { ApiContext } from "../../api/context";
import { fakeApi } from "../../testing";
import { AuthPanel } from "./AuthPanel";

function renderWith(answers: Parameters<typeof fakeApi>[0]) {
  const { api, calls } = fakeApi(answers);
  const onSignedIn = vi.fn();
  render(
    <ApiContext.Provider value={api}>
      <AuthPanel onSignedIn={onSignedIn} />
    </ApiContext.Provider>,
  );
  return { calls, onSignedIn };
}

const SIGNED_IN = { token: "t", token_type: "Bearer", expires_in: 3600, user: { id: 1, username: "ada" } };

it("signs up, then signs in with the same name and password", async () => {
  const { calls, onSignedIn } = renderWith({
    "POST /users/signup": { id: 1, username: "ada" },
    "POST /users/signin": SIGNED_IN,
  });
  await userEvent.click(screen.getByRole("button", { name: "New here? Sign up" }));
  await userEvent.type(screen.getByLabelText("Username"), "ada");
  await userEvent.type(screen.getByLabelText("Password"), "long enough secret");
  await userEvent.click(screen.getByRole("button", { name: "Sign up" }));
  expect(calls.map((c) => c.path)).toEqual(["/users/signup", "/users/signin"]);
  expect(onSignedIn).toHaveBeenCalledWith(expect.objectContaining({ token: "t" }));
});

it("shows a validation error next to the field it concerns", async () => {
  renderWith({
    "POST /users/signup": new ApiError(400, "validation_failed", "Some fields are not valid.", {
      password: ["Ensure this field has at least 8 characters."],
    }),
  });
  await userEvent.click(screen.getByRole("button", { name: "New here? Sign up" }));
  await userEvent.type(screen.getByLabelText("Username"), "ada");
  await userEvent.type(screen.getByLabelText("Password"), "short");
  await userEvent.click(screen.getByRole("button", { name: "Sign up" }));
  const password = screen.getByLabelText("Password");
  expect(password).toHaveAttribute("aria-invalid", "true");
  expect(password).toHaveAccessibleDescription("Ensure this field has at least 8 characters.");
});

it("puts a taken username next to the username, and a wrong password on the form", async () => {
  renderWith({
    "POST /users/signup": new ApiError(409, "username_taken", "This username is taken."),
    "POST /users/signin": new ApiError(401, "invalid_credentials", "Wrong username or password."),
  });
  await userEvent.type(screen.getByLabelText("Username"), "ada");
  await userEvent.type(screen.getByLabelText("Password"), "wrong password");
  await userEvent.click(screen.getByRole("button", { name: "Sign in" }));
  expect(await screen.findByRole("alert")).toHaveTextContent("Wrong username or password.");

  await userEvent.click(screen.getByRole("button", { name: "New here? Sign up" }));
  await userEvent.click(screen.getByRole("button", { name: "Sign up" }));
  expect(screen.getByLabelText("Username")).toHaveAccessibleDescription("This username is taken.");
});
