//! The language buttons in the header: each names its language in that language (and says so
//! with its own `lang`), and the chosen one is marked pressed. In a window as narrow as a
//! 320-pixel column the buttons show the codes (EN, FI, SV).

use leptos::prelude::*;

use innomap_core::language::Language;
use innomap_core::text::ui_text::UiText;

use super::state::use_app_state;

/// Buttons for English, Finnish and Swedish.
#[component]
pub fn LanguageSwitch() -> impl IntoView {
    let language = use_app_state().language;
    let buttons = Language::ALL
        .into_iter()
        .map(|choice| {
            view! {
                <button
                    type="button"
                    class="language-switch__button"
                    lang=choice.code()
                    aria-pressed=move || if language.get() == choice { "true" } else { "false" }
                    on:click=move |_| language.set(choice)
                >
                    // The name, or in a very narrow window its code with the name for screen
                    // readers (and speech input, which says what it sees: "EN" is in "EN English").
                    <span class="language-switch__code">{choice.code().to_uppercase()}</span>
                    <span class="language-switch__name">{choice.own_name()}</span>
                </button>
            }
        })
        .collect_view();
    view! {
        <div class="language-switch" role="group" aria-label=move || UiText(language.get()).language_choice()>
            {buttons}
        </div>
    }
}
