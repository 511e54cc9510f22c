//! The side panel (a bottom sheet on phones) for the open record: a place, an organisation, a
//! project or a theme. Its content comes ready-made from `core::explore::detail`; this component lays it
//! out. Names of other records are links that open their panels (and have real addresses).
//!
//! The panel takes focus when it opens, so its details are read out next, and gives focus back
//! to what opened it when it closes (Escape or the close button), so keyboard users never get
//! lost.

use leptos::ev;
use leptos::prelude::*;
use web_sys::MouseEvent;

use innomap_core::data::model::{RecordId, RecordType, SafeUrl};
use innomap_core::explore::detail::{describe, Detail, Entry, SourceLine, Target};
use innomap_core::explore::panel_history::Arrival;
use innomap_core::text::ui_text::UiText;

use super::sheet_handle::{SheetHandle, SheetState};
use super::state::use_app_state;
use crate::platform::{
    attribute_is, focus_selector, go_back_in_history, on_next_frame, scroll_selector_to, scrolled_offset, FocusReturn,
};

const TITLE_ID: &str = "detail-panel-title";

/// Details of the open record, or nothing when none is open.
#[component]
pub fn DetailPanel() -> impl IntoView {
    let state = use_app_state();
    let (data, selected, language) = (state.data(), state.selected, state.language);
    let opener = StoredValue::new_local(FocusReturn::default());
    let sheet = SheetState::new();
    let close = move || {
        let Some(id) = selected.get_untracked() else { return };
        selected.set(None);
        on_next_frame(move || {
            if !opener.with_value(FocusReturn::restore) {
                // The marker on the map, or the line of the list when it is shown.
                let place = attribute_is("data-place-id", id.as_str());
                focus_selector(&format!(
                    ".map-area:not([hidden]) {place}, .list-view {place}, .map-area:not([hidden]) .map"
                ));
            }
        });
    };
    let escape = window_event_listener(ev::keydown, move |ev| {
        if ev.key() == "Escape" && selected.with_untracked(Option::is_some) {
            close();
        }
    });
    on_cleanup(move || escape.remove());

    // Remember what had focus when the panel opened. Whenever it shows another record, start at
    // its title (or, after Back or Forward, where that panel was left) and move focus there.
    Effect::new(move |was_open: Option<bool>| {
        let shown = selected.get();
        let is_open = shown.is_some();
        if is_open && was_open != Some(true) {
            opener.set_value(FocusReturn::capture());
        }
        let arrival = state.arrival.get_value();
        state.arrival.set_value(Arrival::Opened);
        let start = state.panels.try_update(|history| history.arrive(shown.as_ref(), arrival)).unwrap_or_default();
        if is_open {
            on_next_frame(move || {
                scroll_selector_to(".panel", start);
                focus_selector(&format!("#{TITLE_ID}"));
            });
        }
        is_open
    });

    move || {
        let id = selected.get()?;
        let lang = language.get();
        let detail = describe(data.sources(), &id, lang)?;
        Some(view! { <DetailView detail=detail text=UiText(lang) on_close=close sheet=sheet /> })
    }
}

#[component]
fn DetailView(
    detail: Detail,
    text: UiText,
    on_close: impl Fn() + Copy + Send + Sync + 'static,
    sheet: SheetState,
) -> impl IntoView {
    let Detail {
        record,
        kind,
        name,
        other_names,
        subtitle,
        description,
        facts,
        sections,
        website,
        links,
        notes,
        sources,
        checked,
    } = detail;
    let in_project_panel = record == RecordType::Project;
    let state = use_app_state();
    // Where the visitor leaves this panel, for Back to return to.
    let remember_position = move |ev: web_sys::Event| {
        let offset = scrolled_offset(&ev);
        if let Some(id) = state.selected.get_untracked() {
            state.panels.update_untracked(|history| history.remember(&id, offset));
        }
    };
    let entry_item = move |entry: Entry| {
        // A project listed in another record's panel can have its links drawn from here.
        let project = entry.target.as_ref().filter(|t| t.record == RecordType::Project).map(|t| t.id.clone());
        let project_id = project.as_ref().map(|id| id.as_str().to_owned());
        let toggle =
            project.filter(|_| !in_project_panel).map(|id| view! { <ProjectLinksToggle project=id text=text /> });
        view! {
            <li data-project-id=project_id>
                <EntryName entry=entry.clone() />
                {entry.note.map(|n| view! { <span class="panel__muted">" · "{n}</span> })}
                {toggle}
            </li>
        }
    };
    view! {
        <aside
            class="panel"
            class=("is-dragged", move || sheet.live_height.with(Option::is_some))
            aria-labelledby=TITLE_ID
            data-record=record.code()
            data-sheet=move || sheet.stop.get().code()
            style:height=move || sheet.live_height.get().map(|h| format!("{h:.0}px"))
            on:scroll=remember_position
        >
            // The title and the way out stay in sight while the rest scrolls.
            <div class="panel__head">
                <SheetHandle sheet=sheet on_close=on_close />
                <button type="button" class="panel__close" aria-label=text.close() on:click=move |_| on_close()>
                    <span aria-hidden="true">"×"</span>
                </button>
                <BackLink />
                <p class="panel__kind">{kind}</p>
                <h2 id=TITLE_ID tabindex="-1">{name}</h2>
            </div>
            {subtitle.map(|s| view! { <p class="panel__region">{s}</p> })}
            {(!other_names.is_empty()).then(|| view! {
                <p class="panel__names">
                    {text.also_called()}": "
                    {other_names.into_iter().enumerate().map(|(i, (l, name))| view! {
                        {(i > 0).then_some(", ")}
                        <span lang=l.code()>{name}</span>
                    }).collect_view()}
                </p>
            })}
            {description.map(|d| view! { <p>{d}</p> })}
            {(!facts.is_empty()).then(|| view! {
                <dl class="panel__facts">
                    {facts.into_iter().map(|fact| view! {
                        <div class="panel__fact">
                            <dt>{fact.label}</dt>
                            <dd>
                                {fact.values.into_iter().enumerate().map(|(i, value)| view! {
                                    {(i > 0).then_some(", ")}
                                    <EntryName entry=value />
                                }).collect_view()}
                            </dd>
                        </div>
                    }).collect_view()}
                </dl>
            })}
            {website.map(|url| view! {
                <p class="panel__website">{text.website()}": "<ExternalLink url=url.clone() label=url.as_str().to_owned() text=text /></p>
            })}
            {sections.into_iter().map(|section| view! {
                <section class="panel__section">
                    <h3>{section.title}</h3>
                    <ul class="panel__entries">{section.entries.into_iter().map(entry_item).collect_view()}</ul>
                </section>
            }).collect_view()}
            {(!links.is_empty()).then(|| view! {
                <section class="panel__section">
                    <h3>{text.further_reading()}</h3>
                    <ul class="panel__entries">{source_items(links, text)}</ul>
                </section>
            })}
            {notes.map(|n| view! { <p class="panel__note">{n}</p> })}
            {(!sources.is_empty()).then(|| view! {
                <details class="panel__sources">
                    <summary>{text.sources(checked)}</summary>
                    <ul>{source_items(sources, text)}</ul>
                </details>
            })}
        </aside>
    }
}

/// Sources and links as citations: only the title links; the publisher and date follow as text.
fn source_items(lines: Vec<SourceLine>, text: UiText) -> impl IntoView {
    lines
        .into_iter()
        .map(|line| {
            let title = match line.url {
                Some(url) => view! { <ExternalLink url=url label=line.title text=text /> }.into_any(),
                None => view! { <span>{line.title}</span> }.into_any(),
            };
            let details = line.details.map(|d| view! { ", "<span class="panel__source-details">{d}</span> });
            view! { <li>{title}{details}</li> }
        })
        .collect_view()
}

/// A name: a link that opens its record's panel, or plain text. A plain click stays in the app;
/// a click with a modifier key (or the middle button) is left to the browser, so the address
/// opens in a new tab or window as with any link.
#[component]
fn EntryName(entry: Entry) -> impl IntoView {
    let state = use_app_state();
    match entry.target {
        Some(target) => {
            let record = target.record.code();
            let href = {
                let target = target.clone();
                move || state.href(&target)
            };
            let on_click = move |ev: MouseEvent| {
                if is_plain_click(&ev) {
                    ev.prevent_default();
                    state.open(&target);
                }
            };
            view! { <a class="panel__link" href=href data-opens=record on:click=on_click>{entry.text}</a> }.into_any()
        }
        None => view! { <span>{entry.text}</span> }.into_any(),
    }
}

/// A click the app handles itself; one with a modifier key (or the middle button) is left to
/// the browser, which opens the link's address in a new tab or window.
fn is_plain_click(ev: &MouseEvent) -> bool {
    ev.button() == 0 && !(ev.ctrl_key() || ev.meta_key() || ev.shift_key() || ev.alt_key())
}

/// "Back to …": the panel's own way back to the record the open one was reached from. It is
/// the browser's Back (each record opened anew is a step of its history), so that panel comes
/// back where it was left; its address is that record's, for a new tab.
#[component]
fn BackLink() -> impl IntoView {
    let state = use_app_state();
    let data = state.data();
    move || {
        let previous = state.panels.with(|history| history.previous().cloned())?;
        let name = data.dataset.name_of(&previous)?.get(state.language.get()).to_owned();
        let record = data.dataset.record_type(&previous)?;
        let href = state.href(&Target { id: previous.clone(), record });
        let go_back = move |ev: MouseEvent| {
            if is_plain_click(&ev) {
                ev.prevent_default();
                if state.is_embed() {
                    // An embed keeps no history steps (they would be the host page's): the
                    // earlier panel comes back as Back would bring it.
                    state.arrival.set_value(Arrival::History);
                    state.selected.set(Some(previous.clone()));
                } else {
                    go_back_in_history();
                }
            }
        };
        Some(view! {
            <a class="panel__back" href=href on:click=go_back>
                <span aria-hidden="true">"← "</span>
                {state.text().back_to(&name)}
            </a>
        })
    }
}

/// The button that draws (or hides) a project's links on the map.
#[component]
fn ProjectLinksToggle(project: RecordId, text: UiText) -> impl IntoView {
    let shown_project = use_app_state().shown_project;
    let shown = {
        let project = project.clone();
        move || shown_project.with(|s| s.as_ref() == Some(&project))
    };
    let toggle = {
        let shown = shown.clone();
        move |_| shown_project.set(if shown() { None } else { Some(project.clone()) })
    };
    view! {
        <button type="button" class="panel__toggle" aria-pressed=move || shown().to_string() on:click=toggle>
            {text.show_project_links()}
        </button>
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
