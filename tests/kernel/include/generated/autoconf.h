/* configured: the fixtures need no scratch build directory */
