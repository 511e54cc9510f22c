//! The side panel for the selected place or organisation. Its content comes ready-made from
//! `core::summary`; this component lays it out. It takes focus when it opens and gives it back to
//! the marker when it closes (Escape or the close button), so keyboard users never get lost.

use std::sync::Arc;

use leptos::ev;
use leptos::prelude::*;

use crate::core::dataset::MapData;
use crate::core::i18n::{Language, UiText};
use crate::core::model::{RecordId, SafeUrl};
use crate::core::summary::summarise;
use crate::platform::{focus_selector, on_next_frame};

const TITLE_ID: &str = "place-panel-title";

/// Details of the selected place or organisation, or nothing when none is selected.
#[component]
pub fn PlacePanel(
    data: Arc<MapData>,
    selected: RwSignal<Option<RecordId>>,
    shown_project: RwSignal<Option<RecordId>>,
    language: Signal<Language>,
) -> impl IntoView {
    let close = move || {
        if let Some(id) = selected.get_untracked() {
            selected.set(None);
            // Record ids are restricted to a-z, 0-9 and '-', so they are safe inside a selector.
            // The marker on the map, or the line of the list when the list is shown.
            let id = id.as_str().to_owned();
            on_next_frame(move || {
                focus_selector(&format!(
                    ".map-area:not([hidden]) [data-place-id=\"{id}\"], .list-view [data-place-id=\"{id}\"]"
                ))
            });
        }
    };
    let escape = window_event_listener(ev::keydown, move |ev| {
        if ev.key() == "Escape" {
            close();
        }
    });
    on_cleanup(move || escape.remove());

    // Move focus into the panel whenever something is chosen, so its details are read out next.
    Effect::new(move |_| {
        if selected.with(Option::is_some) {
            on_next_frame(|| focus_selector(&format!("#{TITLE_ID}")));
        }
    });

    move || {
        let id = selected.get()?;
        let lang = language.get();
        let summary = summarise(&data.dataset, &id, lang)?;
        let text = UiText(lang);
        Some(view! {
            <aside class="panel" aria-labelledby=TITLE_ID>
                <button type="button" class="panel__close" aria-label=text.close() on:click=move |_| close()>
                    <span aria-hidden="true">"×"</span>
                </button>
                <p class="panel__kind">{summary.kind.label(lang)}</p>
                <h2 id=TITLE_ID tabindex="-1">{summary.name}</h2>
                {summary.region.map(|r| view! { <p class="panel__region">{r}</p> })}
                {(!summary.other_names.is_empty()).then(|| view! {
                    <ul class="panel__names">
                        {summary.other_names.into_iter().map(|(l, name)| view! { <li lang=l.code()>{name}</li> }).collect_view()}
                    </ul>
                })}
                {summary.description.map(|d| view! { <p>{d}</p> })}
                {summary.located_in.map(|place| view! { <p>{text.located_in()}": "{place}</p> })}
                {summary.website.map(|url| view! { <p><ExternalLink url=url.clone() label=url.as_str().to_owned() text=text /></p> })}
                {summary.agreement.map(|name| view! {
                    <section class="panel__section">
                        <h3>{text.agreement()}</h3>
                        <p>{name}</p>
                        {(!summary.agreement_partners.is_empty()).then(|| view! {
                            <p class="panel__muted">{summary.agreement_partners.join(", ")}</p>
                        })}
                        {summary.agreement_focus.map(|f| view! { <p class="panel__muted">{f}</p> })}
                    </section>
                })}
                {(!summary.projects.is_empty()).then(|| view! {
                    <section class="panel__section">
                        <h3>{text.projects()}</h3>
                        <ul class="panel__projects">
                            {summary.projects.into_iter().map(|p| {
                                let id = p.id.clone();
                                let shown = {
                                    let id = id.clone();
                                    move || shown_project.with(|s| s.as_ref() == Some(&id))
                                };
                                let toggle = {
                                    let shown = shown.clone();
                                    move |_| shown_project.set(if shown() { None } else { Some(id.clone()) })
                                };
                                view! {
                                    <li data-project-id=p.id.as_str().to_owned()>
                                        <span class="panel__project-name">{p.name}</span>
                                        <span class="panel__muted">" · "{p.role}{p.theme.map(|t| format!(" · {t}"))}</span>
                                        <button type="button" class="panel__toggle" aria-pressed=move || shown().to_string() on:click=toggle>
                                            {text.show_project_links()}
                                        </button>
                                    </li>
                                }
                            }).collect_view()}
                        </ul>
                    </section>
                })}
                {summary.notes.map(|n| view! { <p class="panel__note">{n}</p> })}
                {(!summary.sources.is_empty()).then(|| view! {
                    <details class="panel__sources">
                        <summary>{text.sources(summary.checked)}</summary>
                        <ul>
                            {summary.sources.into_iter().map(|s| match s.url {
                                Some(url) => view! { <li><ExternalLink url=url label=s.text text=text /></li> }.into_any(),
                                None => view! { <li>{s.text}</li> }.into_any(),
                            }).collect_view()}
                        </ul>
                    </details>
                })}
            </aside>
        })
    }
}

/// A link to another site: only ever an http(s) URL (the type guarantees it), opened in a new
/// tab without giving that site access to this page or telling it where the visitor came from.
#[component]
fn ExternalLink(url: SafeUrl, label: String, text: UiText) -> impl IntoView {
    view! {
        <a href=url.as_str().to_owned() target="_blank" rel="noopener noreferrer" class="external">
            {label}
            <span class="visually-hidden">" "{text.external_link()}</span>
        </a>
    }
}
