# replygen_generate: generate reply-code tables from a spec at build time
# and add them to a target, as protobuf_generate does for .proto files.
#
#   replygen_generate(TARGET target SPEC spec.yaml
#                     [OUTPUT_DIR dir]      # default: <binary dir>/replygen/<spec name>
#                     [TEMPLATES dir]       # default: the templates installed with replygen
#                     [ONLY file ...]       # default: every template's output
#                     [TESTS])              # build and register the generated cmocka tests
#
# The outputs are regenerated when the spec, a template or replygen changes.
# Generated .c files are compiled into target, and OUTPUT_DIR is added to
# its include directories (PUBLIC), so that #include "smtp_replies.h" works.
# With the default templates the protocol descriptor (<prefix>_protocol.c)
# is among them; it is written for the runtime library, so target then
# links replygen::runtime (PUBLIC: <prefix>_protocol.h includes its header).
# TESTS compiles each generated test_*.c with the generated sources and
# cmocka into an executable of the same name, registered with add_test()
# (call enable_testing() or include(CTest) first).
# The variable <target>_REPLYGEN_OUTPUTS is set to the list of files.
#
# Both this function and the replygen build itself rest on
#
#   replygen_generate_files(SPEC spec.yaml OUTPUT_DIR dir GENERATE_TARGET name
#                           [TEMPLATES dir] [ONLY file ...] [ALL]
#                           [SOURCE_DATE_EPOCH seconds]
#                           [OUTPUTS_VAR var] [SOURCES_VAR var] [TESTS_VAR var])
#
# which adds the custom target GENERATE_TARGET that writes the files, and
# sets OUTPUTS_VAR to every file, SOURCES_VAR to the generated .c files
# other than tests, TESTS_VAR to the test_*.c files. Targets that compile
# them must depend on GENERATE_TARGET.
#
# Both use the imported (or, inside replygen's own build, alias) target
# replygen::replygen. While CMake configures they ask replygen for the
# names of the files (replygen --list-outputs), so that a new template or
# another prefix needs no change here; that runs the executable named by
# its property REPLYGEN_CONFIGURE_EXECUTABLE when set (replygen's own
# build, where replygen::replygen is not built yet), else its location.

function(replygen_generate_files)
  cmake_parse_arguments(arg "ALL"
    "SPEC;OUTPUT_DIR;GENERATE_TARGET;TEMPLATES;SOURCE_DATE_EPOCH;OUTPUTS_VAR;SOURCES_VAR;TESTS_VAR"
    "ONLY" ${ARGN})
  if(NOT arg_SPEC OR NOT arg_OUTPUT_DIR OR NOT arg_GENERATE_TARGET)
    message(FATAL_ERROR "replygen_generate_files: SPEC, OUTPUT_DIR and GENERATE_TARGET are required")
  endif()
  if(arg_UNPARSED_ARGUMENTS)
    message(FATAL_ERROR "replygen_generate_files: unknown arguments: ${arg_UNPARSED_ARGUMENTS}")
  endif()
  get_filename_component(spec "${arg_SPEC}" ABSOLUTE)
  get_filename_component(dir "${arg_OUTPUT_DIR}" ABSOLUTE BASE_DIR "${CMAKE_CURRENT_BINARY_DIR}")

  get_target_property(replygen replygen::replygen REPLYGEN_CONFIGURE_EXECUTABLE)
  if(NOT replygen)
    get_target_property(replygen replygen::replygen LOCATION)
  endif()

  set(options "")
  if(arg_TEMPLATES)
    get_filename_component(templates "${arg_TEMPLATES}" ABSOLUTE)
    list(APPEND options --templates "${templates}")
  else()
    # replygen's own templates, where it finds them: ../share/replygen/templates
    # from its folder, installed or in a build tree.
    get_filename_component(bin "${replygen}" DIRECTORY)
    get_filename_component(templates "${bin}/../share/replygen/templates" ABSOLUTE)
  endif()
  foreach(only IN LISTS arg_ONLY)
    list(APPEND options --only "${only}")
  endforeach()

  # The names depend on the spec (its prefix) and on which templates there
  # are: configure again when the spec changes or a template comes or goes.
  file(GLOB template_files CONFIGURE_DEPENDS "${templates}/*.mustache")
  set_property(DIRECTORY APPEND PROPERTY CMAKE_CONFIGURE_DEPENDS "${spec}")
  execute_process(
    COMMAND "${replygen}" --list-outputs ${options} "${spec}"
    OUTPUT_VARIABLE names
    ERROR_VARIABLE errors
    RESULT_VARIABLE status)
  if(NOT status EQUAL 0)
    message(FATAL_ERROR "replygen cannot read ${spec}:\n${errors}")
  endif()
  string(STRIP "${names}" names)
  string(REPLACE "\n" ";" names "${names}")
  set(outputs "")
  set(sources "")
  set(tests "")
  foreach(name IN LISTS names)
    list(APPEND outputs "${dir}/${name}")
    if(name MATCHES "^test_.*\\.c$")
      list(APPEND tests "${dir}/${name}")
    elseif(name MATCHES "\\.c$")
      list(APPEND sources "${dir}/${name}")
    endif()
  endforeach()

  list(JOIN names ", " shown)
  set(command replygen::replygen)
  if(NOT arg_SOURCE_DATE_EPOCH STREQUAL "")
    set(command "${CMAKE_COMMAND}" -E env "SOURCE_DATE_EPOCH=${arg_SOURCE_DATE_EPOCH}" "$<TARGET_FILE:replygen::replygen>")
  endif()
  # replygen leaves unchanged files untouched, so a stamp records each run.
  set(stamp "${dir}/.replygen.stamp")
  add_custom_command(
    OUTPUT "${stamp}"
    BYPRODUCTS ${outputs}
    COMMAND ${command} -q ${options} "${spec}" -o "${dir}"
    COMMAND "${CMAKE_COMMAND}" -E touch "${stamp}"
    DEPENDS "${spec}" ${template_files} replygen::replygen
    COMMENT "Generating ${shown} from ${spec}"
    VERBATIM)
  set(all "")
  if(arg_ALL)
    set(all ALL)
  endif()
  add_custom_target(${arg_GENERATE_TARGET} ${all} DEPENDS "${stamp}")

  foreach(var IN ITEMS OUTPUTS SOURCES TESTS)
    string(TOLOWER ${var} value)
    if(arg_${var}_VAR)
      set(${arg_${var}_VAR} "${${value}}" PARENT_SCOPE)
    endif()
  endforeach()
endfunction()

function(replygen_generate)
  cmake_parse_arguments(arg "TESTS" "TARGET;SPEC;OUTPUT_DIR;TEMPLATES" "ONLY" ${ARGN})
  if(NOT arg_TARGET OR NOT arg_SPEC)
    message(FATAL_ERROR "replygen_generate: TARGET and SPEC are required")
  endif()
  if(arg_UNPARSED_ARGUMENTS)
    message(FATAL_ERROR "replygen_generate: unknown arguments: ${arg_UNPARSED_ARGUMENTS}")
  endif()
  get_filename_component(spec_name "${arg_SPEC}" NAME_WE)
  set(dir "${arg_OUTPUT_DIR}")
  if(NOT dir)
    set(dir "${CMAKE_CURRENT_BINARY_DIR}/replygen/${spec_name}")
  endif()
  get_filename_component(dir "${dir}" ABSOLUTE BASE_DIR "${CMAKE_CURRENT_BINARY_DIR}")
  set(options "")
  if(arg_TEMPLATES)
    set(options TEMPLATES "${arg_TEMPLATES}")
  endif()
  if(arg_ONLY)
    list(APPEND options ONLY ${arg_ONLY})
  endif()

  # One custom target per call writes the files; every target compiling
  # them depends on it, so that parallel builds never run replygen twice.
  set(generate "${arg_TARGET}_replygen_${spec_name}")
  set(suffix 1)
  while(TARGET "${generate}")
    math(EXPR suffix "${suffix} + 1")
    set(generate "${arg_TARGET}_replygen_${spec_name}_${suffix}")
  endwhile()
  replygen_generate_files(SPEC "${arg_SPEC}" OUTPUT_DIR "${dir}" GENERATE_TARGET "${generate}" ${options}
    OUTPUTS_VAR outputs SOURCES_VAR sources TESTS_VAR tests)

  set(runtime "")
  if(NOT arg_TEMPLATES)
    foreach(source IN LISTS sources)
      if(source MATCHES "_protocol\\.c$")
        set(runtime replygen::runtime)
      endif()
    endforeach()
  endif()

  add_dependencies(${arg_TARGET} "${generate}")
  target_sources(${arg_TARGET} PRIVATE ${sources})
  target_include_directories(${arg_TARGET} PUBLIC "$<BUILD_INTERFACE:${dir}>")
  if(runtime)
    target_link_libraries(${arg_TARGET} PUBLIC ${runtime})
  endif()

  if(arg_TESTS)
    if(NOT tests)
      message(FATAL_ERROR "replygen_generate: TESTS, but ${arg_SPEC} generates no test_*.c here")
    endif()
    find_package(PkgConfig REQUIRED)
    pkg_check_modules(REPLYGEN_CMOCKA REQUIRED IMPORTED_TARGET cmocka)
    foreach(test IN LISTS tests)
      get_filename_component(test_name "${test}" NAME_WE)
      add_executable(${test_name} "${test}" ${sources})
      add_dependencies(${test_name} "${generate}")
      target_include_directories(${test_name} PRIVATE "${dir}")
      target_link_libraries(${test_name} PRIVATE PkgConfig::REPLYGEN_CMOCKA ${runtime})
      add_test(NAME ${test_name} COMMAND ${test_name})
    endforeach()
  endif()
  set(${arg_TARGET}_REPLYGEN_OUTPUTS "${outputs}" PARENT_SCOPE)
endfunction()
