//! "Copy link": puts the page address, which holds the whole shareable state (see
//! `core::explore::url_state`), on the clipboard and says so; where the browser refuses, the link is
//! shown selected, to copy by hand.

use leptos::prelude::*;
use leptos::task::spawn_local;

use super::state::use_app_state;
use crate::platform::{after_delay, copy_text, page_address};

/// How long "Link copied" shows.
const CONFIRMATION_MS: i32 = 4000;

/// What the last press of the button did.
#[derive(Clone, Debug, PartialEq)]
enum Shared {
    Nothing,
    Copied,
    ByHand(String),
}

/// The share button and its message.
#[component]
pub fn ShareButton() -> impl IntoView {
    let state = use_app_state();
    let text = move || state.text();
    let shared = RwSignal::new(Shared::Nothing);
    let share = move |_| {
        let address = page_address();
        spawn_local(async move {
            let copied = copy_text(&address).await;
            shared.try_set(if copied { Shared::Copied } else { Shared::ByHand(address) });
            if copied {
                // Said, then gone; a link to copy by hand stays until it is copied.
                after_delay(CONFIRMATION_MS, move || {
                    shared.try_update(|s| {
                        if *s == Shared::Copied {
                            *s = Shared::Nothing;
                        }
                    });
                });
            }
        });
    };
    view! {
        <button type="button" class="share__button" on:click=share>{move || text().share()}</button>
        <p class="share__message" role="status">
            {move || match shared.get() {
                Shared::Nothing => None,
                Shared::Copied => Some(text().link_copied().into_any()),
                Shared::ByHand(address) => Some(view! {
                    <label>
                        {move || text().copy_by_hand()}
                        <input class="share__address" type="url" readonly prop:value=address />
                    </label>
                }.into_any()),
            }}
        </p>
    }
}
