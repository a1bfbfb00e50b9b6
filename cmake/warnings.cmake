# The one place that sets warning flags for every Serai target.
set(SERAI_WARNINGS
  -Wall -Wextra -Wpedantic -Wshadow -Wnon-virtual-dtor -Wold-style-cast -Wcast-align
  -Woverloaded-virtual -Wconversion -Wno-sign-conversion -Wnull-dereference -Wimplicit-fallthrough
  -Wformat=2)
if(SERAI_WERROR)
  list(APPEND SERAI_WARNINGS -Werror)
endif()

# serai_target_warnings(target): our own code gets every warning; third-party headers are system headers.
function(serai_target_warnings target)
  target_compile_options(${target} PRIVATE ${SERAI_WARNINGS})
endfunction()
