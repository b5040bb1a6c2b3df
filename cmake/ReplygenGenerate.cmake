# replygen_generate: generate reply-code tables from a spec at build time
# and add them to a target, as protobuf_generate does for .proto files.
#
#   replygen_generate(TARGET target SPEC spec.yaml
#                     [OUTPUT_DIR dir]      # default: <binary dir>/replygen/<spec name>
#                     [TEMPLATES dir]       # default: the templates installed with replygen
#                     [ONLY file ...])      # default: every template's output
#
# The outputs are regenerated when the spec, a template or replygen changes.
# Generated .c files are compiled into target, and OUTPUT_DIR is added to
# its include directories (PUBLIC), so that #include "smtp_replies.h" works.
# The variable <target>_REPLYGEN_OUTPUTS is set to the list of files.

function(replygen_generate)
  cmake_parse_arguments(arg "" "TARGET;SPEC;OUTPUT_DIR;TEMPLATES" "ONLY" ${ARGN})
  if(NOT arg_TARGET OR NOT arg_SPEC)
    message(FATAL_ERROR "replygen_generate: TARGET and SPEC are required")
  endif()
  if(arg_UNPARSED_ARGUMENTS)
    message(FATAL_ERROR "replygen_generate: unknown arguments: ${arg_UNPARSED_ARGUMENTS}")
  endif()
  get_filename_component(spec "${arg_SPEC}" ABSOLUTE)
  get_filename_component(spec_name "${spec}" NAME_WE)
  set(dir "${arg_OUTPUT_DIR}")
  if(NOT dir)
    set(dir "${CMAKE_CURRENT_BINARY_DIR}/replygen/${spec_name}")
  endif()
  get_filename_component(dir "${dir}" ABSOLUTE BASE_DIR "${CMAKE_CURRENT_BINARY_DIR}")

  set(options "")
  if(arg_TEMPLATES)
    get_filename_component(templates "${arg_TEMPLATES}" ABSOLUTE)
    list(APPEND options --templates "${templates}")
  else()
    set(templates "${REPLYGEN_TEMPLATE_DIR}")
  endif()
  foreach(only IN LISTS arg_ONLY)
    list(APPEND options --only "${only}")
  endforeach()

  # The file names depend on the spec (its prefix) and the templates: ask
  # replygen now, and again whenever the spec changes.
  get_target_property(replygen replygen::replygen LOCATION)
  execute_process(
    COMMAND "${replygen}" --list-outputs ${options} "${spec}"
    OUTPUT_VARIABLE names
    ERROR_VARIABLE errors
    RESULT_VARIABLE status)
  if(NOT status EQUAL 0)
    message(FATAL_ERROR "replygen_generate: replygen cannot read ${spec}:\n${errors}")
  endif()
  set_property(DIRECTORY APPEND PROPERTY CMAKE_CONFIGURE_DEPENDS "${spec}")
  string(STRIP "${names}" names)
  string(REPLACE "\n" ";" names "${names}")
  set(outputs "")
  set(sources "")
  foreach(name IN LISTS names)
    list(APPEND outputs "${dir}/${name}")
    if(name MATCHES "\\.c$" AND NOT name MATCHES "^test_")
      list(APPEND sources "${dir}/${name}")
    endif()
  endforeach()

  file(GLOB template_files CONFIGURE_DEPENDS "${templates}/*.mustache")
  # replygen leaves unchanged files untouched, so a stamp records each run.
  set(stamp "${dir}/.replygen.stamp")
  add_custom_command(
    OUTPUT "${stamp}"
    BYPRODUCTS ${outputs}
    COMMAND replygen::replygen -q ${options} "${spec}" -o "${dir}"
    COMMAND "${CMAKE_COMMAND}" -E touch "${stamp}"
    DEPENDS "${spec}" ${template_files} "${replygen}"
    COMMENT "Generating ${names} from ${spec}"
    VERBATIM)
  target_sources(${arg_TARGET} PRIVATE "${stamp}" ${sources})
  target_include_directories(${arg_TARGET} PUBLIC "$<BUILD_INTERFACE:${dir}>")
  set(${arg_TARGET}_REPLYGEN_OUTPUTS "${outputs}" PARENT_SCOPE)
endfunction()
