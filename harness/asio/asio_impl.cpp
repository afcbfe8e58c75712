// The one place where Asio, Asio's SSL layer and Beast are compiled (see CMakeLists.txt for why).
#include <boost/asio/impl/src.hpp>
#include <boost/asio/ssl/impl/src.hpp>
#include <boost/beast/src.hpp>
