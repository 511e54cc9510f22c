//! The side panel for the selected place. It takes focus when it opens and gives it back to the
//! place's marker when it closes (Escape or the close button), so keyboard users never get lost.

use std::sync::Arc;

use leptos::ev;
use leptos::prelude::*;

use crate::core::dataset::MapData;
use crate::core::i18n::{Language, UiText};
use crate::core::places::PlaceId;
use crate::platform::{focus_selector, on_next_frame};

const TITLE_ID: &str = "place-panel-title";

/// Details of the selected place, or nothing when no place is selected.
#[component]
pub fn PlacePanel(
    data: Arc<MapData>,
    selected: RwSignal<Option<PlaceId>>,
    language: Signal<Language>,
) -> impl IntoView {
    let close = move || {
        if let Some(id) = selected.get_untracked() {
            selected.set(None);
            on_next_frame(move || focus_selector(&format!("[data-place-id=\"{}\"]", id.as_str())));
        }
    };
    let escape = window_event_listener(ev::keydown, move |ev| {
        if ev.key() == "Escape" {
            close();
        }
    });
    on_cleanup(move || escape.remove());

    // Move focus into the panel whenever a place is chosen, so its details are read out next.
    Effect::new(move |_| {
        if selected.with(Option::is_some) {
            on_next_frame(|| focus_selector(&format!("#{TITLE_ID}")));
        }
    });

    move || {
        let id = selected.get()?;
        let place = data.places.get(&id)?.clone();
        let lang = language.get();
        let text = UiText(lang);
        let other_names: Vec<(Language, String)> = Language::ALL
            .into_iter()
            .filter(|l| *l != lang && place.name.get(*l) != place.name.get(lang))
            .map(|l| (l, place.name.get(l).to_owned()))
            .collect();
        let region = place.region.as_ref().map(|r| r.get(lang).to_owned());
        Some(view! {
            <aside class="panel" aria-labelledby=TITLE_ID>
                <button type="button" class="panel__close" aria-label=text.close() on:click=move |_| close()>
                    <span aria-hidden="true">"×"</span>
                </button>
                <p class="panel__kind">{place.kind.label(lang)}</p>
                <h2 id=TITLE_ID tabindex="-1">{place.name.get(lang).to_owned()}</h2>
                {region.map(|r| view! { <p class="panel__region">{r}</p> })}
                {(!other_names.is_empty()).then(|| view! {
                    <ul class="panel__names">
                        {other_names.into_iter().map(|(l, name)| view! {
                            <li lang=l.code()>{name}</li>
                        }).collect_view()}
                    </ul>
                })}
            </aside>
        })
    }
}
