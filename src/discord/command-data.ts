/**
 * What the command definitions share: installed in servers, usable there and in the bot's
 * DMs, described (slash commands) or named (message commands) in English and Chinese
 * (Simplified derived from Traditional, as for the rest of the bot's wording), and the
 * private:<bool> option.
 */
import {
  ApplicationCommandType,
  ApplicationIntegrationType,
  ContextMenuCommandBuilder,
  InteractionContextType,
  SlashCommandBuilder,
  type LocalizationMap,
  type SlashCommandBooleanOption,
} from 'discord.js';
import { simplifiedWording } from '../render/i18n.js';

/** A description in English and Traditional Chinese. Discord allows 100 characters. */
export interface Description {
  en: string;
  zh: string;
}

interface Describable {
  setDescription(description: string): this;
  setDescriptionLocalizations(localizations: LocalizationMap | null): this;
}

/** Sets the English description and Discord's zh-TW and zh-CN ones. */
export function described<T extends Describable>(builder: T, description: Description): T {
  return builder.setDescription(description.en).setDescriptionLocalizations({
    'zh-TW': description.zh,
    'zh-CN': simplifiedWording(description.zh),
  });
}

export function slashCommand(name: string, description: Description): SlashCommandBuilder {
  return described(
    new SlashCommandBuilder()
      .setName(name)
      .setIntegrationTypes(ApplicationIntegrationType.GuildInstall)
      .setContexts(InteractionContextType.Guild, InteractionContextType.BotDM),
    description,
  );
}

/**
 * A message command, shown in a message's Apps menu under its name; a menu entry has no
 * description, so the name itself is localised. Discord allows 32 characters.
 */
export function messageCommand(name: string, zhName: string): ContextMenuCommandBuilder {
  return new ContextMenuCommandBuilder()
    .setName(name)
    .setType(ApplicationCommandType.Message)
    .setNameLocalizations({ 'zh-TW': zhName, 'zh-CN': simplifiedWording(zhName) })
    .setIntegrationTypes(ApplicationIntegrationType.GuildInstall)
    .setContexts(InteractionContextType.Guild, InteractionContextType.BotDM);
}

/** For `.addBooleanOption(privateOption)`: private:True shows the answer only to whoever asked. */
export function privateOption(option: SlashCommandBooleanOption): SlashCommandBooleanOption {
  return described(option.setName('private'), {
    en: 'Only you see the answer',
    zh: '只有你看得到答案',
  });
}
