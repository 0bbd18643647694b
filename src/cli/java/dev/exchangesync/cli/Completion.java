package dev.exchangesync.cli;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/**
 * The bash completion script, written from the same options the command line is read with: commands, each
 * command's options with the global ones, and for an option's value exactly the values it accepts, or file names.
 * zsh runs it through {@code bashcompinit}.
 */
final class Completion {
  private Completion() {
  }

  static String script(ExchangeSyncCli cli) {
    List<Option> global = new ArrayList<>(Arguments.STANDARD);
    global.addAll(cli.options());
    List<Option> all = new ArrayList<>(global);
    cli.visibleCommands().forEach(command -> all.addAll(command.options()));
    List<Option> valued = all.stream().filter(Option::takesValue).toList();

    StringBuilder script = new StringBuilder();
    script.append("""
        # bash completion for exchange-sync, written by 'exchange-sync generate-completion'.
        #   bash: source <(exchange-sync generate-completion)
        #         or save it as ~/.local/share/bash-completion/completions/exchange-sync
        #   zsh:  autoload -U +X bashcompinit && bashcompinit && source <(exchange-sync generate-completion)
        _exchange_sync() {
          local cur=${COMP_WORDS[COMP_CWORD]} prev=${COMP_WORDS[COMP_CWORD-1]}
          # bash splits --name=value at '=': complete the value of --name
          if [[ $cur == "=" ]]; then cur=""; elif [[ $prev == "=" && $COMP_CWORD -ge 2 ]]; then
            prev=${COMP_WORDS[COMP_CWORD-2]}
          fi
          local command="" i
          for ((i = 1; i < COMP_CWORD; i++)); do
            case ${COMP_WORDS[i]} in
        """);
    script.append("      ").append(names(valued, "|")).append(")\n")
        .append("        if [[ ${COMP_WORDS[i+1]} == \"=\" ]]; then ((i += 2)); else ((i++)); fi ;;\n")
        .append("      -*) ;;\n")
        .append("      *) command=${COMP_WORDS[i]}; break ;;\n")
        .append("    esac\n")
        .append("  done\n")
        .append("  local -a values=()\n")
        .append("  case $prev in\n");
    for (Option option : valued) {
      script.append("    ").append(String.join("|", option.names())).append(") ");
      switch (option.completion()) {
        case VALUES -> script.append("values=(").append(option.values().stream().map(value -> "\"" + value + "\"")
            .collect(Collectors.joining(" "))).append(") ;;\n");
        case FILES -> script.append("COMPREPLY=($(compgen -f -- \"$cur\")); return ;;\n");
        case NONE -> script.append("COMPREPLY=(); return ;;\n"); // a free value: nothing to offer
      }
    }
    script.append("  esac\n")
        .append("  if ((${#values[@]})); then\n")
        .append("    COMPREPLY=($(compgen -W \"${values[*]}\" -- \"$cur\"))\n")
        .append("    return\n")
        .append("  fi\n")
        .append("  local options=\"").append(names(visible(global), " ")).append("\"\n")
        .append("  case $command in\n")
        .append("    \"\")\n")
        .append("      if [[ $cur != -* ]]; then\n")
        .append("        COMPREPLY=($(compgen -W \"")
        .append(cli.visibleCommands().stream().map(Command::name).collect(Collectors.joining(" ")))
        .append("\" -- \"$cur\"))\n")
        .append("        return\n")
        .append("      fi ;;\n")
        .append("    help)\n")
        .append("      if [[ $cur != -* ]]; then\n")
        .append("        COMPREPLY=($(compgen -W \"")
        .append(cli.visibleCommands().stream().map(Command::name).filter(name -> !name.equals("help"))
            .collect(Collectors.joining(" ")))
        .append("\" -- \"$cur\"))\n")
        .append("        return\n")
        .append("      fi ;;\n");
    for (Command command : cli.visibleCommands()) {
      List<Option> own = visible(command.options());
      if (!own.isEmpty()) {
        script.append("    ").append(command.name()).append(") options+=\" ").append(names(own, " "))
            .append("\" ;;\n");
      }
    }
    script.append("  esac\n")
        .append("  COMPREPLY=($(compgen -W \"$options\" -- \"$cur\"))\n")
        .append("}\n")
        .append("complete -F _exchange_sync exchange-sync\n");
    return script.toString();
  }

  private static List<Option> visible(List<Option> options) {
    return options.stream().filter(option -> !option.isHidden()).toList();
  }

  private static String names(List<Option> options, String separator) {
    return options.stream().flatMap(option -> option.names().stream()).distinct()
        .collect(Collectors.joining(separator));
  }
}
