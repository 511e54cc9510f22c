//! "Copy link": puts the page address, which holds the whole shareable state (see
//! `core::explore::url_state`), on the clipboard and says so; where the browser refuses, the link is
//! shown selected, to copy by hand.

use leptos::prelude::*;
use leptos::task::spawn_local;

use super::state::use_app_state;
use crate::platform::{copy_text, page_address};

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
